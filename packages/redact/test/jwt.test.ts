import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';

const redactor = new Redactor({ detectors: ['jwt'] });
const MASK = '[REDACTED:jwt]';

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function token(
  header: unknown,
  payload: unknown,
  signature = 'c2lnbmF0dXJl',
): string {
  return `${base64url(header)}.${base64url(payload)}.${signature}`;
}

describe('jwt detector', () => {
  it('masks a signed token', () => {
    const value = token({ alg: 'HS256', typ: 'JWT' }, { sub: '42' });
    assert.equal(redactor.text(value), MASK);
  });

  it('masks unsecured token', () => {
    const value = token({ alg: 'none' }, { sub: '42' }, '');
    assert.equal(redactor.text(value), MASK);
  });

  it('masks a token inside text', () => {
    const value = token({ alg: 'RS256' }, { iss: 'joe' });
    assert.equal(
      redactor.text(`id_token=${value}&x=1`),
      `id_token=${MASK}&x=1`,
    );
  });

  it('masks a token with a large payload', () => {
    const value = token({ alg: 'HS256' }, { data: 'x'.repeat(50_000) });
    assert.equal(redactor.text(value), MASK);
  });

  it('keeps a header without alg', () => {
    const value = token({ typ: 'JWT' }, { sub: '42' });
    assert.equal(redactor.text(value), value);
  });

  it('keeps non-object header', () => {
    const value = token(['alg'], { sub: '42' });
    assert.equal(redactor.text(value), value);
  });

  it('keeps dotted words', () => {
    assert.equal(redactor.text('abc.def.ghi'), 'abc.def.ghi');
    const dotted = 'com.example.service.LongClassName.method';
    assert.equal(redactor.text(dotted), dotted);
  });

  it('keeps two segments', () => {
    const value = `${base64url({ alg: 'HS256' })}.${base64url({ sub: '1' })}`;
    assert.equal(redactor.text(value), value);
  });
});
