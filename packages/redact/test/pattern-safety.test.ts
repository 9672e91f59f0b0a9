import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPatternSafety } from '../src';
import { BAD_PATTERNS, GOOD_PATTERNS } from './pattern-corpus';
import { timeSearch } from './regex-timing';

// A bad pattern must still be searching when its child is killed, and a
// good one must finish 100 KB far sooner. Measured on a 2-core VM, the bad
// patterns ran for more than 3 s and the good ones for less than 30 ms.
const BAD_LIMIT_MS = 1000;
const GOOD_MAX_MS = 250;
const HINT = /in place of|Rewrite|Bound each repetition/;

function check(source: string, flags = ''): string | undefined {
  return checkPatternSafety(new RegExp(source, flags), 'detectors[0]');
}

describe('pattern corpus', () => {
  for (const pattern of BAD_PATTERNS) {
    it(`${pattern.source} is slow on its input`, async () => {
      assert.equal(await timeSearch(pattern, BAD_LIMIT_MS), 'timeout');
    });
  }

  for (const pattern of GOOD_PATTERNS) {
    it(`${pattern.source} is fast on its input`, async () => {
      const timing = await timeSearch(pattern, BAD_LIMIT_MS);
      assert.notEqual(timing, 'timeout');
      assert.ok(
        typeof timing === 'number' && timing < GOOD_MAX_MS,
        `${timing} ms`,
      );
    });
  }
});

describe('pattern safety check', () => {
  for (const pattern of BAD_PATTERNS) {
    it(`rejects ${pattern.source} (${pattern.shape})`, () => {
      const message = check(pattern.source, pattern.flags);
      assert.ok(message !== undefined, 'accepted');
      assert.ok(message.startsWith('detectors[0] /'), message);
      assert.match(message, /is rejected because/);
      assert.match(message, HINT);
    });
  }

  for (const pattern of GOOD_PATTERNS) {
    it(`accepts ${pattern.source} (${pattern.shape})`, () => {
      assert.equal(check(pattern.source, pattern.flags), undefined);
    });
  }

  it('suggests a class for repeated alternatives', () => {
    const message = check('^/(\\w|\\d)+$');
    assert.ok(message !== undefined);
    assert.match(message, /can backtrack catastrophically/);
    assert.match(message, /exponential/);
    assert.ok(message.includes('[\\w\\d] in place of (\\w|\\d)'), message);
  });

  it('escapes class syntax in the suggestion', () => {
    const message = check('^(?:\\W|-|\\^)+$');
    assert.ok(message !== undefined);
    assert.ok(
      message.includes('[\\W\\-\\^] in place of (?:\\W|-|\\^)'),
      message,
    );
  });

  it('names overlapping multi-character alternatives', () => {
    const message = check('(ab|a)+c');
    assert.ok(message !== undefined);
    assert.ok(message.includes('Rewrite (ab|a) so that'), message);
  });

  it('reports the degree of polynomial backtracking', () => {
    const message = check('(ab)*(ab)*c');
    assert.ok(message !== undefined);
    assert.match(message, /polynomial \(degree 3\)/);
    assert.match(message, /for example on the input/);
  });

  it('rejects large nested bounded repetitions', () => {
    const message = check('^(?:[a-z]{1,64}-){1,64}$');
    assert.ok(message !== undefined);
    assert.match(message, /up to 4096 times in total/);
  });

  it('accepts small nested bounded repetitions', () => {
    assert.equal(check('^(?:[a-z]{1,8}-){1,4}$'), undefined);
  });

  it('rejects backreferences', () => {
    const message = check('(["\'])\\w{1,64}\\1');
    assert.ok(message !== undefined);
    assert.match(message, /backreference/);
  });

  it('rejects patterns over 1000 characters', () => {
    const message = check(`^(?:${'a'.repeat(1000)})$`);
    assert.ok(message !== undefined);
    assert.match(message, /longer than 1000 characters/);
  });

  it('restores the recheck backend variable', () => {
    const previous = process.env.RECHECK_SYNC_BACKEND;
    process.env.RECHECK_SYNC_BACKEND = 'synckit';
    try {
      assert.equal(check('^order-[0-9]{1,12}$'), undefined);
      assert.equal(process.env.RECHECK_SYNC_BACKEND, 'synckit');
    } finally {
      if (previous === undefined) {
        delete process.env.RECHECK_SYNC_BACKEND;
      } else {
        process.env.RECHECK_SYNC_BACKEND = previous;
      }
    }
  });
});
