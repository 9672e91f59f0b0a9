import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rulesFor } from './helpers';

// Strings to classify only: the detector never resolves or connects.
const ATTACKS: Array<[string, string]> = [
  ['http://127.0.0.1/admin', 'ssrf.internal_host'],
  ['http://localhost:8080', 'ssrf.internal_host'],
  ['http://169.254.169.254/latest/meta-data/', 'ssrf.internal_host'],
  ['http://[fd00:ec2::254]/latest', 'ssrf.internal_host'],
  ['http://metadata.google.internal/computeMetadata/v1/', 'ssrf.internal_host'],
  ['http://2130706433/', 'ssrf.internal_host'],
  ['http://0x7f000001/', 'ssrf.internal_host'],
  ['http://0177.0.0.1/', 'ssrf.internal_host'],
  ['http://127.1/', 'ssrf.internal_host'],
  ['http://[::ffff:127.0.0.1]/', 'ssrf.internal_host'],
  ['http://[::1]:3000/', 'ssrf.internal_host'],
  ['http://10.1.2.3/', 'ssrf.internal_host'],
  ['http://192.168.0.1/', 'ssrf.internal_host'],
  ['https://user@172.16.0.5/', 'ssrf.internal_host'],
  ['http://0.0.0.0:9000/', 'ssrf.internal_host'],
  ['http://7147006462/', 'ssrf.internal_host'],
  ['http://127.0.0.1.nip.io/', 'ssrf.internal_host'],
  ['http:2852039166', 'ssrf.internal_host'],
  ['http://①②⑦.⓪.⓪.①/', 'ssrf.internal_host'],
  ['localhost:6379', 'ssrf.internal_host'],
  ['127.0.0.1:22', 'ssrf.internal_host'],
  ['169.254.169.254/latest', 'ssrf.internal_host'],
  ['file:///etc/passwd', 'ssrf.dangerous_scheme'],
  ['gopher://e.example:25/_HELO', 'ssrf.dangerous_scheme'],
  ['dict://e.example:11211/stat', 'ssrf.dangerous_scheme'],
  ['ftp://10.0.0.2/pub', 'ssrf.internal_host'],
];

const BENIGN: string[] = [
  'https://example.com/page',
  'https://93.184.215.14/',
  'ftp://ftp.example.org/pub',
  '/relative/path',
  '../up',
  'page?x=1',
  '127.0.0.1',
  '2130706433',
  '1/26/11',
  '19.99',
  '10.5.2',
  'metadata',
  'version 1.2.3.4',
  'mailto:ann@example.com',
  'http://0.171.205.239/',
];

describe('ssrf detector', () => {
  for (const [value, rule] of ATTACKS) {
    it(`reports ${rule} for ${JSON.stringify(value)}`, () => {
      assert.deepEqual(rulesFor(value, 'ssrf'), [rule]);
    });
  }

  for (const value of BENIGN) {
    it(`leaves ${JSON.stringify(value)} alone`, () => {
      assert.deepEqual(rulesFor(value, 'ssrf'), []);
    });
  }
});
