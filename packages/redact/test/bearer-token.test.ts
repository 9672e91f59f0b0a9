import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';

const redactor = new Redactor({ detectors: ['bearer_token'] });
const MASK = '[REDACTED:bearer_token]';

describe('bearer token detector', () => {
  it('masks an opaque token', () => {
    assert.equal(redactor.text('Bearer mF_9.B5f-4.1JqM'), MASK);
  });

  it('masks a token with padding', () => {
    assert.equal(redactor.text('Bearer dGhpcyBpcyBhIHRva2Vu=='), MASK);
  });

  it('matches the scheme in any case', () => {
    assert.equal(redactor.text('bearer 8f14e45fceea167a'), MASK);
    assert.equal(redactor.text('BEARER 8f14e45fceea167a'), MASK);
  });

  it('keeps a sentence dot after the token', () => {
    assert.equal(
      redactor.text('sent Bearer 8f14e45fceea167a.'),
      `sent ${MASK}.`,
    );
  });

  it('masks a quoted token', () => {
    assert.equal(
      redactor.text('auth="Bearer 8f14e45fceea167a"'),
      `auth="${MASK}"`,
    );
  });

  it('keeps prose', () => {
    const prose = 'The bearer receives Bearer authentication tokens.';
    assert.equal(redactor.text(prose), prose);
  });

  it('keeps a challenge parameter', () => {
    const challenge = 'Bearer realm="api", error="invalid_token"';
    assert.equal(redactor.text(challenge), challenge);
  });

  it('keeps a short token', () => {
    assert.equal(redactor.text('Bearer a1b2'), 'Bearer a1b2');
  });

  it('keeps the scheme inside a word', () => {
    assert.equal(
      redactor.text('xBearer 8f14e45fceea167a'),
      'xBearer 8f14e45fceea167a',
    );
  });
});
