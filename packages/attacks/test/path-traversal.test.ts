import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rulesFor } from './helpers';

const ATTACKS: Array<[string, string]> = [
  ['../../app/config.json', 'path_traversal.dot_dot'],
  ['..\\..\\boot.ini', 'path_traversal.dot_dot'],
  ['files/..%2f..%2fsecret', 'path_traversal.dot_dot'],
  ['%2e%2e%2f%2e%2e%2fkey', 'path_traversal.dot_dot'],
  ['%252e%252e%252fkey', 'path_traversal.dot_dot'],
  ['..%5c..%5cweb.xml', 'path_traversal.dot_dot'],
  ['%c0%ae%c0%ae/%c0%ae%c0%ae/key', 'path_traversal.dot_dot'],
  ['..%c0%af..%c0%afkey', 'path_traversal.dot_dot'],
  ['%u002e%u002e/key', 'path_traversal.dot_dot'],
  ['..../..../key', 'path_traversal.dot_dot'],
  ['docs/..', 'path_traversal.dot_dot'],
  ['/etc/passwd', 'path_traversal.sensitive_file'],
  ['file=/proc/self/environ', 'path_traversal.sensitive_file'],
  ['C:\\Windows\\win.ini', 'path_traversal.sensitive_file'],
  ['/home/u/.ssh/id_rsa', 'path_traversal.sensitive_file'],
  ['report.pdf%00.png', 'path_traversal.nul_byte'],
];

const BENIGN: string[] = [
  'Wait...',
  '...',
  'v1.2.3',
  'images/cat.png',
  './local/file',
  'https://example.com/a/b',
  '/api/v1/users/42',
  'a..b',
  'etc/passwords are hard',
  '<a href="../">up</a>',
];

describe('path traversal detector', () => {
  for (const [value, rule] of ATTACKS) {
    it(`reports ${rule} for ${JSON.stringify(value)}`, () => {
      assert.deepEqual(rulesFor(value, 'path_traversal'), [rule]);
    });
  }

  for (const value of BENIGN) {
    it(`leaves ${JSON.stringify(value)} alone`, () => {
      assert.deepEqual(rulesFor(value, 'path_traversal'), []);
    });
  }
});
