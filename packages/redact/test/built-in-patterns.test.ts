import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPatternSafety } from '../src';
import type { HostileInput } from './pattern-corpus';
import { timeSearch } from './regex-timing';
import { findSourcePatterns, RUNTIME_PATTERNS } from './source-patterns';

interface Exception {
  readonly reason: string;
  readonly input: HostileInput;
}

const LONG = 100_000;
// The check rejects these built-in patterns, so each is measured on a
// hostile input of 100 KB in place of the check.
const EXCEPTIONS = new Map<string, Exception>([
  [
    '^(\\d)\\1*$',
    {
      reason: 'a backreference, anchored at the start',
      input: { prefix: '', pump: '1', repeat: LONG, suffix: 'x' },
    },
  ],
  [
    '^(?:null|undefined|none|true|false|\\$\\{?[A-Za-z_][A-Za-z0-9_]*\\}?|\\{\\{.*|\\*+)$',
    {
      reason: 'recheck needs 3 to 5 s to show it safe',
      input: { prefix: '${', pump: 'a', repeat: LONG, suffix: '-' },
    },
  ],
  [
    '-----BEGIN (?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-\\d+: ',
    {
      reason: 'recheck cannot decide it within 10 s',
      input: {
        prefix: '',
        pump: '-----BEGIN AAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAA ',
        repeat: LONG / 60,
        suffix: '',
      },
    },
  ],
]);
// A linear search of 100 KB takes a few milliseconds, a quadratic one
// seconds.
const MAX_SEARCH_MS = 250;
const CHILD_LIMIT_MS = 5000;

describe('built-in patterns', () => {
  const found = findSourcePatterns();

  it('are found in the sources', () => {
    // The detectors alone hold more than twenty patterns, so a much smaller
    // count means the walk missed the sources.
    assert.ok(found.length > 20, `found ${found.length}`);
  });

  it('exceptions are still in the sources', () => {
    const sources = new Set(found.map(({ pattern }) => pattern?.source));
    for (const source of EXCEPTIONS.keys()) {
      assert.ok(sources.has(source), source);
    }
  });

  for (const { place, pattern } of found) {
    const file = place.slice(0, place.lastIndexOf(':'));
    if (pattern === undefined && RUNTIME_PATTERNS.has(file)) {
      continue;
    }
    const exception =
      pattern === undefined ? undefined : EXCEPTIONS.get(pattern.source);
    if (pattern !== undefined && exception !== undefined) {
      it(`${place} is fast on a hostile input`, async () => {
        const timing = await timeSearch(
          {
            source: pattern.source,
            flags: pattern.flags,
            input: exception.input,
          },
          CHILD_LIMIT_MS,
        );
        assert.notEqual(timing, 'timeout', exception.reason);
        assert.ok(
          typeof timing === 'number' && timing < MAX_SEARCH_MS,
          `${timing} ms: ${exception.reason}`,
        );
      });
      continue;
    }
    it(`${place} passes the check`, () => {
      assert.ok(pattern !== undefined, 'the pattern could not be evaluated');
      assert.equal(checkPatternSafety(pattern, place), undefined);
    });
  }
});
