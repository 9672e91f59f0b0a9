import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SECRET_TYPES, secretOf, seededRandom } from '../bench/samples';
import { Redactor } from '../src';
import type { Finding } from './findings-collector';
import { collectFindings } from './findings-collector';

// Texts of at least 512 characters are searched for the detectors'
// literals, and shorter texts with the detectors' patterns. These tests
// check that both paths find the same.
const LONG_TEXT = 512;

const redactor = new Redactor({ actions: { ipv4: 'mask', ipv6: 'mask' } });

/** Pads `text` with spaces to a length that takes the literal search. */
function padded(text: string): string {
  return text + ' '.repeat(LONG_TEXT + 16);
}

function findingsOfText(text: string): Finding[] {
  const { sink, findings } = collectFindings();
  redactor.text(text, sink);
  return findings;
}

function findingsOfJson(text: string): Finding[] {
  const { sink, findings } = collectFindings();
  redactor.json(text, sink);
  return findings;
}

// Each value contains one secret whose literal is written in a case or form
// that a search for another spelling would miss.
const CASES: ReadonlyArray<readonly [string, string, string]> = [
  ['bearer_token', 'BEARER mF_9.B5f-4.1JqM', 'mF_9.B5f-4.1JqM'],
  ['bearer_token', 'auth: bEaReR mF_9.B5f-4.1JqM', 'mF_9.B5f-4.1JqM'],
  ['basic_auth', 'BASIC dXNlcjpzM2NyZXQ=', 'dXNlcjpzM2NyZXQ='],
  [
    'digest_auth',
    'DIGEST username="jane", realm="api", response="6629fae49393a053"',
    '6629fae49393a053',
  ],
  [
    'digest_auth',
    'dIgEsT username="jane", response="6629fae49393a053"',
    '6629fae49393a053',
  ],
  ['aws_access_key_id', 'id AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE'],
  ['aws_access_key_id', 'id ASIAIOSFODNN7EXAMPLE', 'ASIAIOSFODNN7EXAMPLE'],
  ['aws_access_key_id', 'id ABIAIOSFODNN7EXAMPLE', 'ABIAIOSFODNN7EXAMPLE'],
  ['aws_access_key_id', 'id ACCAIOSFODNN7EXAMPLE', 'ACCAIOSFODNN7EXAMPLE'],
  [
    'aws_secret_access_key',
    'SECRET=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  ],
  [
    'aws_secret_access_key',
    'asiaiosfodnn7example wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  ],
  [
    'stripe_key',
    'key rk_test_4eC39HqLyjWDarjtT1zdp7dc',
    'rk_test_4eC39HqLyjWDarjtT1zdp7dc',
  ],
  [
    'jwt',
    'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
    'eyJzdWIiOiIxIn0',
  ],
];

describe('literal search', () => {
  for (const [type, text, secret] of CASES) {
    it(`finds ${type} in "${text.slice(0, 24)}" short and long`, () => {
      for (const input of [text, padded(text), padded('') + text]) {
        const findings = findingsOfText(input);
        assert.deepEqual(
          findings.map((finding) => finding.type),
          [type],
          `input of ${input.length} characters`,
        );
        assert.ok(
          !redactor.text(input).includes(secret),
          `input of ${input.length} characters`,
        );
      }
    });
  }

  it('keeps short text without literals', () => {
    const text = 'order shipped to the customer, invoice 2024-0042 paid';
    assert.equal(redactor.text(text), text);
    assert.deepEqual(findingsOfText(text), []);
  });

  // The digits of these masks read as a valid card number, which only the
  // mask check keeps from being masked again.
  for (const [kind, mask] of [
    ['hash', '[HASH:email:4111111111111111]'],
    ['redacted', '[REDACTED:4242424242424242]'],
  ]) {
    it(`keeps ${kind} mask in long text`, () => {
      const brackets = '[1] [a] [REDACTED] [HASH] '.repeat(30);
      const text = `${brackets}${mask} jane@example.com`;
      assert.equal(redactor.text(text), `${brackets}${mask} [REDACTED:email]`);
      assert.deepEqual(findingsOfText(text), [{ type: 'email', path: 'body' }]);
    });
  }

  it('reports repeated keys by path', () => {
    const records = [0, 1, 2].map((index) => ({
      'jane@example.com': `call 415-555-012${index}`,
      'contact email': `user${index}@example.com`,
      id: index,
    }));
    assert.deepEqual(findingsOfJson(JSON.stringify(records)), [
      { type: 'email', path: 'body[0]["[REDACTED:email]"]' },
      { type: 'phone', path: 'body[0]["[REDACTED:email]"]' },
      { type: 'email', path: 'body[0]["contact email"]' },
      { type: 'email', path: 'body[1]["[REDACTED:email]"]' },
      { type: 'phone', path: 'body[1]["[REDACTED:email]"]' },
      { type: 'email', path: 'body[1]["contact email"]' },
      { type: 'email', path: 'body[2]["[REDACTED:email]"]' },
      { type: 'phone', path: 'body[2]["[REDACTED:email]"]' },
      { type: 'email', path: 'body[2]["contact email"]' },
    ]);
  });

  it('finds the same in short and padded text', () => {
    const part = fc.oneof(
      fc
        .tuple(fc.constantFrom(...SECRET_TYPES), fc.integer())
        .map(([type, seed]) => secretOf(type, seededRandom(seed)).text),
      fc.stringMatching(/^[A-Za-z0-9 :=@.\-_"/+\n[\]]{1,24}$/),
    );
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), (parts) => {
        const text = parts.join(' ');
        assert.deepEqual(findingsOfText(padded(text)), findingsOfText(text));
      }),
      { numRuns: 300 },
    );
  });

  it('finds the same in short and padded JSON', () => {
    const secret = fc
      .tuple(fc.constantFrom(...SECRET_TYPES), fc.integer())
      .map(([type, seed]) => secretOf(type, seededRandom(seed)).text);
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), secret, {
          minKeys: 1,
          maxKeys: 3,
        }),
        (record) => {
          const json = JSON.stringify(record);
          assert.deepEqual(findingsOfJson(padded(json)), findingsOfJson(json));
        },
      ),
      { numRuns: 300 },
    );
  });
});
