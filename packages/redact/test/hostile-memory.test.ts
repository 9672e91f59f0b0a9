import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Redactor } from '../src';

// The test runner starts node without --expose-gc. Setting the flag at run
// time makes a fresh context expose gc(), so heap use can be measured
// after a full collection.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const redactor = new Redactor();
const TEN_MB = 10 * 1024 * 1024;
const DEPTH = 10_000;
// Redacting builds the output next to the input, plus a few copies of
// parts of it. Eight input sizes and a fixed slack bound that use.
const MAX_GROWTH_FACTOR = 8;
const SLACK_BYTES = 32 * 1024 * 1024;
// CPU time, not wall time: on a loaded machine the wall clock also counts
// other processes, which made this bound fail while the redactor was fine.
const MAX_MS = 20_000;

/** Runs `redact` and returns the heap growth in bytes while its output is alive, and the CPU time taken in milliseconds. */
function measure(redact: () => string): {
  growth: number;
  elapsed: number;
  output: string;
} {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const started = process.cpuUsage();
  const output = redact();
  const used = process.cpuUsage(started);
  const elapsed = (used.user + used.system) / 1000;
  const after = process.memoryUsage().heapUsed;
  return { growth: after - before, elapsed, output };
}

function check(
  name: string,
  input: string,
  redact: (text: string) => string,
): void {
  it(`${name} stays bounded`, () => {
    const { growth, elapsed, output } = measure(() => redact(input));
    const limit = input.length * MAX_GROWTH_FACTOR + SLACK_BYTES;
    assert.ok(growth < limit, `heap grew ${growth} bytes, limit ${limit}`);
    assert.ok(elapsed < MAX_MS, `took ${elapsed} ms`);
    assert.notEqual(output, '[REDACTED:unparsed]');
  });
}

const emails = 'jane@example.com '.repeat(TEN_MB / 17);
const cards = '4242 4242 4242 4242 '.repeat(TEN_MB / 20);

describe('hostile input memory', () => {
  check('10 MB plain text', 'a'.repeat(TEN_MB), (text) => redactor.text(text));
  check('10 MB of e-mail addresses', emails, (text) => redactor.text(text));
  check('10 MB of card numbers in JSON', JSON.stringify({ c: cards }), (text) =>
    redactor.json(text),
  );
  check('10 MB malformed JSON', `{"a": [${'1,'.repeat(TEN_MB / 2)}`, (text) =>
    redactor.json(text),
  );
  check('10 MB truncated JSON', `{"password":"${'x'.repeat(TEN_MB)}`, (text) =>
    redactor.json(text, undefined, true),
  );
  check(
    '10,000-deep JSON',
    '{"a":'.repeat(DEPTH) + '"jane@example.com"' + '}'.repeat(DEPTH),
    (text) => redactor.json(text),
  );
  check(
    '10,000-deep JSON in strings',
    JSON.stringify({ x: '['.repeat(DEPTH) + ']'.repeat(DEPTH) }),
    (text) => redactor.json(text),
  );
  check('10 MB form', `a=${'%41'.repeat(TEN_MB / 3)}`, (text) =>
    redactor.form(text),
  );
  check('10 MB XML', '<a>'.repeat(TEN_MB / 6) + 'x', (text) =>
    redactor.xml(text),
  );
  check('10 MB GraphQL', `{ f(a: "${'b'.repeat(TEN_MB)}") }`, (text) =>
    redactor.body(text, 'application/graphql'),
  );
  check(
    '10 MB invalid UTF-8',
    Buffer.alloc(TEN_MB, 0xc3).toString('utf8'),
    (text) => redactor.body(text, 'text/plain'),
  );
  check(
    '10 MB URL',
    `/p/${'a'.repeat(TEN_MB)}?token=${'b'.repeat(1024)}`,
    (text) => redactor.url(text),
  );
});
