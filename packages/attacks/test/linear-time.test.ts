import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from 'scslre';
import { ALL_FAMILIES, MAX_VALUE_CHARS, inspectValue } from '../src';
import { ALL_PATTERNS } from '../src/patterns';

// Each unit, repeated to the value limit, makes a backtracking pattern
// retry long runs: openers without closers, near-misses of keywords.
const UNITS = [
  '<',
  '<a ',
  '<a onx',
  ' on',
  'javascript:',
  '"',
  "'",
  '`',
  ';',
  '; cat',
  '$(',
  '../',
  '.',
  '%',
  '%25',
  '1',
  '(',
  'select ',
  'union ',
  ' or 1=1',
  '{{',
  '&#',
  '&lt;',
  '__proto__.',
  '[$ne]',
  'http://',
  ':',
  'if ',
  'for /f ',
  '/bin/',
  '${jndi:',
  '/',
  '/*',
  '0x',
  '1.1.1.1.',
  '@@',
  'a b',
];
// Generous for a loaded 2-core machine: linear patterns need a few
// milliseconds per value, a quadratic one seconds.
const LIMIT_MS = 250;

function repeatTo(unit: string): string {
  return unit.repeat(Math.ceil(MAX_VALUE_CHARS / unit.length));
}

describe('linear time', () => {
  for (const [family, patterns] of Object.entries(ALL_PATTERNS)) {
    it(`${family} patterns pass scslre`, () => {
      for (const pattern of patterns) {
        const reports = analyse({
          source: pattern.source,
          flags: pattern.flags,
        }).reports;
        assert.deepEqual(
          reports.map((report) => report.character.literal.source),
          [],
          `/${pattern.source}/${pattern.flags}`,
        );
      }
    });
  }

  it('inspects adversarial values at the length limit quickly', () => {
    for (const unit of UNITS) {
      const value = repeatTo(unit);
      inspectValue(value);
      const start = performance.now();
      inspectValue(value, [...ALL_FAMILIES]);
      const ms = performance.now() - start;
      assert.ok(ms < LIMIT_MS, `${JSON.stringify(unit)}: ${ms} ms`);
    }
  });
});
