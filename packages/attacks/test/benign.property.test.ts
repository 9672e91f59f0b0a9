import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { inspectRequest, inspectValue } from '../src';

const RUNS = 2000;
// Ordinary words, including SQL and shell words that prose uses.
const WORDS = [
  'the',
  'order',
  'select',
  'from',
  'where',
  'and',
  'or',
  'union',
  'table',
  'drop',
  'update',
  'delete',
  'insert',
  'into',
  'values',
  'like',
  'cat',
  'sleep',
  'echo',
  'type',
  'set',
  'find',
  'more',
  'time',
  'date',
  'user',
  'name',
  'is',
  'not',
  'null',
  'by',
  'group',
  'having',
  'script',
  'alert',
  'on',
  'load',
  'error',
  'file',
  'etc',
  'proc',
  'local',
  'host',
  'it',
  'a',
  'we',
  'you',
  'blue',
  'shirt',
  'size',
  'price',
  'ship',
  'to',
  'Paris',
];
const PUNCTUATION = ['', '', '', '.', ',', '!', '?', ':', ';'];

const word = fc.constantFrom(...WORDS);
const sentence = fc
  .array(fc.tuple(word, fc.constantFrom(...PUNCTUATION), fc.boolean()), {
    minLength: 1,
    maxLength: 14,
  })
  .map((parts) =>
    parts
      .map(
        ([text, mark, capital]) =>
          (capital ? text[0]?.toUpperCase() + text.slice(1) : text) + mark,
      )
      .join(' '),
  );
const identifier = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/);

describe('benign input properties', () => {
  it('random sentences of ordinary words are rarely flagged', () => {
    let flagged = 0;
    fc.assert(
      fc.property(sentence, (text) => {
        if (inspectValue(text).length > 0) {
          flagged++;
        }
      }),
      { numRuns: RUNS, seed: 20261204 },
    );
    // Sentences such as "union select from..." are valid SQL; a tiny rate
    // of such collisions is accepted.
    assert.ok(flagged / RUNS <= 0.01, `${flagged} of ${RUNS} flagged`);
  });

  it('random identifiers and numbers are never flagged', () => {
    fc.assert(
      fc.property(
        fc.oneof(identifier, fc.integer().map(String), fc.float().map(String)),
        (text) => inspectValue(text).length === 0,
      ),
      { numRuns: RUNS },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        inspectValue(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on arbitrary nested objects', () => {
    fc.assert(
      fc.property(
        fc.anything({ maxDepth: 6, withObjectString: true }),
        fc.dictionary(fc.string(), fc.string()),
        (body, cookies) => {
          inspectRequest({ path: '/', query: {}, headers: {}, cookies, body });
        },
      ),
      { numRuns: 500 },
    );
  });
});
