import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SECRET_TYPES, secretOf, seededRandom } from '../bench/samples';
import { Redactor } from '../src';
import type { Finding } from './findings-collector';
import { collectFindings } from './findings-collector';

// A detection that covers a whole text ends the search for others, and a
// text with one more character before it takes the full search. Both must
// give the same result.
const redactor = new Redactor({ actions: { ipv4: 'mask', ipv6: 'mask' } });

const PRIVATE_KEY = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAx5Rk0bnQ4111111111111111jane@example.com',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

function redactText(text: string): { output: string; findings: Finding[] } {
  const { sink, findings } = collectFindings();
  return { output: redactor.text(text, sink), findings };
}

describe('whole text detection', () => {
  it('masks a private key value once', () => {
    const { sink, findings } = collectFindings();
    const output = redactor.json(JSON.stringify({ key: PRIVATE_KEY }), sink);
    assert.equal(output, '{"key":"[REDACTED:private_key]"}');
    assert.deepEqual(findings, [{ type: 'private_key', path: 'body.key' }]);
  });

  it('reports a bearer token with a JWT once', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    const { output, findings } = redactText(`Bearer ${token}`);
    assert.equal(output, '[REDACTED:bearer_token]');
    assert.deepEqual(findings, [{ type: 'bearer_token', path: 'body' }]);
  });

  it('keeps a mask that is the whole text', () => {
    const { output, findings } = redactText('[REDACTED:private_key]');
    assert.equal(output, '[REDACTED:private_key]');
    assert.deepEqual(findings, []);
  });

  it('matches the full search', () => {
    const secret = fc
      .tuple(fc.constantFrom(...SECRET_TYPES), fc.integer())
      .map(([type, seed]) => secretOf(type, seededRandom(seed)).text);
    const secrets = fc.array(secret, { minLength: 1, maxLength: 2 });
    fc.assert(
      fc.property(secrets, (parts) => {
        const text = parts.join(' ');
        const whole = redactText(text);
        const shifted = redactText(` ${text}`);
        assert.equal(shifted.output, ` ${whole.output}`);
        assert.deepEqual(shifted.findings, whole.findings);
      }),
      { numRuns: 400 },
    );
  });
});
