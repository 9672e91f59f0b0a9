import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ALL_FAMILIES } from '../src';
import { charMask } from '../src/char-mask';
import { GATES } from '../src/prefilter';
import { textFindings } from '../src/value';

// Pieces that make the detectors' rules fire when put together: SQL,
// HTML, shell and URL syntax, in several cases and encodings.
const PIECES = [
  ' ',
  '  ',
  '\t',
  '\n',
  '\u0000',
  '\u00a0',
  "'",
  '"',
  '`',
  '(',
  ')',
  ';',
  ',',
  '.',
  ':',
  '::',
  '=',
  '<',
  '>',
  '!',
  '?',
  '+',
  '-',
  '--',
  '*',
  '/',
  '/*',
  '*/',
  '/*!',
  '#',
  '@',
  '@@',
  '|',
  '||',
  '&',
  '&&',
  '$',
  '$(',
  '{{',
  '}}',
  '\\',
  '%',
  '%27',
  '%2527',
  '%0a',
  '%u002e',
  '&lt;',
  '&#x3c;',
  '+ADw-',
  '1',
  '0x1',
  '1e5',
  '.5',
  'union',
  'UNION',
  'select',
  'SeLeCt',
  'all',
  'from',
  'as',
  'or',
  'and',
  'xor',
  'not',
  'div',
  'like',
  'sounds',
  'order',
  'by',
  'group',
  'into',
  'outfile',
  'waitfor',
  'delay',
  'sleep',
  'benchmark',
  'information_schema',
  'mysql.user',
  'x',
  'drop',
  'table',
  'set',
  'exec',
  'true',
  'null',
  'script',
  'java',
  'javascript:',
  'data:text/html',
  'on',
  'onload',
  'onerror',
  'alert',
  'img',
  'svg',
  'expression',
  '-moz-binding',
  '@import',
  'innerHTML',
  'document.write',
  'cat',
  'ls',
  'id',
  'if',
  'exist',
  'iex',
  'invoke-expression',
  '/bin/sh',
  '/etc/passwd',
  '..',
  '../',
  '..\\',
  'jndi:ldap:',
  'http://',
  'file:///',
  '127.0.0.1',
  'localhost',
  '[::1]',
  '0x7f000001',
  '１２７.０.０.１',
  '@>',
  '@?',
  '#-',
  "'x'",
  'array[',
  'jsonb',
  'create',
  'function',
  'execute',
  'immediate',
  'replace',
  'values',
  'pg_sleep',
  'formaction=',
  'srcdoc=',
  '![]',
  '!![]',
  'xsi:schemaLocation=',
  '<a:include',
  '!ENTITY % x SYSTEM',
  '$ne',
  '__proto__',
  'constructor',
  'prototype',
  'glob',
  'overlay',
  'placing',
  'for',
  'leading',
  'delete',
  'update',
  '->',
];

const soup = fc
  .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join(''));

function sameFindings(text: string): void {
  assert.deepEqual(
    textFindings(text, ALL_FAMILIES, true),
    textFindings(text, ALL_FAMILIES, false),
    JSON.stringify(text),
  );
}

describe('prefilter', () => {
  it('keeps findings of syntax soup', () => {
    fc.assert(fc.property(soup, sameFindings), {
      numRuns: 20000,
      seed: 5,
    });
  });

  it('keeps findings of arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), sameFindings),
      { numRuns: 5000 },
    );
  });

  it('keeps findings of known attacks', () => {
    const attacks = [
      "1' OR '1'='1",
      '1 union select 1,2',
      '1union select 1',
      "admin'--",
      '1 like 1',
      '5 as x from',
      'x;drop table users',
      'sleep(5)',
      '<img src=x onerror=alert(1)>',
      'java\tscript:alert(1)',
      "';alert(1)//",
      '; cat /etc/passwd',
      'ls -la',
      '../../etc/passwd',
      'http://127.0.0.1/',
      '{"$ne": 1}',
      'a[__proto__][b]',
      "x' or glob ('a*', name)",
      "overlay(secret placing 'z' from 2 for 1)",
      'owner@example.com`;',
      'delete from sessions;--',
      "'a' -> 'b' = 1",
    ];
    for (const attack of attacks) {
      assert.ok(textFindings(attack, ALL_FAMILIES).length > 0, attack);
      sameFindings(attack);
    }
  });

  it('skips ordinary values', () => {
    const values = [
      'ana@example.com',
      'Cotton shirt, size M',
      "Gift wrap, please: it's for my brother's birthday.",
      'cus_123',
      '2026-12-04',
    ];
    for (const value of values) {
      const classes = charMask(value);
      for (const family of ['sqli', 'xss', 'command_injection'] as const) {
        assert.equal(
          GATES[family](value, classes),
          false,
          `${family}: ${value}`,
        );
      }
    }
  });
});
