import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { orderListOfSize, payloadOfSize } from '../bench/payloads';
import type { Secret } from '../bench/samples';
import { SECRET_TYPES, secretOf, seededRandom } from '../bench/samples';
import type { Finding } from '../src';
import { Redactor } from '../src';
import type { JsonEngine } from '../src/json';
import { setJsonEngine } from '../src/json';
import { loadScanner } from '../src/wasm-module';

// The WebAssembly scan must give the JavaScript scan's output: the same
// text and the same findings in the same order. IP addresses are masked
// here so every detector changes the text.
let redactor = new Redactor({ actions: { ipv4: 'mask', ipv6: 'mask' } });
const RUNS = 200;

interface Result {
  readonly text: string;
  readonly findings: readonly Finding[];
}

function redactWith(
  engine: JsonEngine,
  text: string,
  truncated: boolean,
): Result {
  const findings: Finding[] = [];
  setJsonEngine(engine);
  try {
    return {
      text: redactor.json(text, (finding) => findings.push(finding), truncated),
      findings,
    };
  } finally {
    setJsonEngine('javascript');
  }
}

function assertSameOutput(text: string, truncated = false): void {
  const expected = redactWith('javascript', text, truncated);
  const actual = redactWith('wasm', text, truncated);
  assert.equal(actual.text, expected.text, `text differs for ${text}`);
  assert.deepEqual(
    actual.findings,
    expected.findings,
    `findings differ for ${text}`,
  );
}

const secretArbitrary: fc.Arbitrary<Secret> = fc
  .tuple(fc.constantFrom(...SECRET_TYPES), fc.integer())
  .map(([type, seed]) => secretOf(type, seededRandom(seed)));

// Keys that match default key rules, keys that name a secret for the AWS
// and SSN context checks, and plain keys.
const keyArbitrary = fc.oneof(
  fc.constantFrom(
    'password',
    'api_key',
    'token',
    'aws_secret_access_key',
    'ssn',
    'note',
    'id',
    'card',
  ),
  fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,10}$/),
  fc.string({ maxLength: 6 }),
);

// Text with escapes, control characters and UTF-16 code units of every
// kind, including surrogate pairs and lone surrogates.
const unicodeText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', '\\', '\n', '\t', '\u0000', '@', ':', '=', ' '),
    fc
      .integer({ min: 0, max: 0xffff })
      .map((code) => String.fromCharCode(code)),
    fc.constantFrom('😀', 'é', 'İ'),
  ),
  maxLength: 12,
});

const valueArbitrary: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>(
  (tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      secretArbitrary.map((secret) => secret.text),
      secretArbitrary.map((secret) => `see ${secret.text} here`),
      unicodeText,
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.constantFrom(4111111111111111, 123456789, true, false, null),
      fc.constantFrom(
        '020 7946 0958',
        'tel (030) 1234-5678',
        '06.12.34.56.78 ou 00 44 20 7946 0958',
      ),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(keyArbitrary, tie('value'), { maxKeys: 3 }),
      tie('value').map((inner) => JSON.stringify(inner)),
    ),
  }),
).value;

const documentArbitrary = fc
  .tuple(
    fc.dictionary(keyArbitrary, valueArbitrary, { maxKeys: 4 }),
    fc.constantFrom(undefined, 2, '\t'),
  )
  .map(([value, indent]) => JSON.stringify(value, null, indent));

describe('json engines', () => {
  after(() => setJsonEngine('wasm'));

  it('scanner loads', () => {
    assert.notEqual(
      loadScanner(),
      undefined,
      'dist/wasm/scanner.wasm is missing: run `npm run build`',
    );
  });

  it('same output on bench payloads', () => {
    const random = seededRandom(20260101);
    for (const size of [1024, 65536]) {
      assertSameOutput(payloadOfSize(random, size));
      assertSameOutput(orderListOfSize(random, size));
    }
  });

  it('same output on generated documents', () => {
    fc.assert(
      fc.property(documentArbitrary, (text) => assertSameOutput(text)),
      {
        numRuns: RUNS,
      },
    );
  });

  it('same output on NDJSON', () => {
    fc.assert(
      fc.property(
        fc.array(documentArbitrary, { minLength: 1, maxLength: 4 }),
        (documents) => assertSameOutput(documents.join('\n')),
      ),
      { numRuns: RUNS / 2 },
    );
  });

  it('same output on invalid JSON', () => {
    fc.assert(
      fc.property(
        documentArbitrary,
        fc.nat(),
        unicodeText,
        (text, at, junk) => {
          const position = at % (text.length + 1);
          assertSameOutput(
            text.slice(0, position) + junk + text.slice(position),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('same output cut at every offset', () => {
    fc.assert(
      fc.property(documentArbitrary, (text) => {
        for (let end = 0; end <= text.length; end++) {
          assertSameOutput(text.slice(0, end), true);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('same output with other options', () => {
    const options = [
      {},
      { detectors: [] },
      { detectors: ['email', 'us_ssn'], sensitiveKeys: ['note'] },
      { actions: { credit_card: 'partial' as const, email: 'hash' as const } },
      { phoneRegions: ['GB', 'FR', 'DE'] },
    ];
    const saved = redactor;
    try {
      for (const option of options) {
        redactor = new Redactor({ hashKey: 'k'.repeat(16), ...option });
        fc.assert(
          fc.property(documentArbitrary, (text) => assertSameOutput(text)),
          { numRuns: RUNS / 4 },
        );
      }
    } finally {
      redactor = saved;
    }
  });

  it('same output for every secret type at depth', () => {
    for (const type of SECRET_TYPES) {
      const secret = secretOf(type, seededRandom(type.length));
      let value: unknown = secret.text;
      for (let depth = 0; depth < 6; depth++) {
        value = depth % 2 === 0 ? { key: value, n: 1 } : [0, value];
        assertSameOutput(JSON.stringify(value));
        assertSameOutput(JSON.stringify({ wrapped: JSON.stringify(value) }));
      }
    }
  });
});
