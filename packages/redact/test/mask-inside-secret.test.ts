import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';

// Masks already in a text are not masked again, but a secret that merely
// contains a mask token must still be masked: the token cannot vouch for
// the characters around it.
const redactor = new Redactor();

const KEY_WITH_MASK = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw',
  '[REDACTED:email]',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

describe('masks inside secrets', () => {
  it('masks a private key that holds a mask token', () => {
    assert.equal(redactor.text(KEY_WITH_MASK), '[REDACTED:private_key]');
  });

  it('masks it inside JSON too', () => {
    const output = redactor.json(JSON.stringify({ key: KEY_WITH_MASK }));
    assert.equal(output, '{"key":"[REDACTED:private_key]"}');
  });

  it('leaves masks it wrote alone on a second pass', () => {
    const text = 'card 4111 1111 1111 1111, mail ann@example.com, password=x1';
    const once = redactor.text(text);
    assert.equal(redactor.text(once), once);
  });
});
