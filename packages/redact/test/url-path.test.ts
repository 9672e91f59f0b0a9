import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';
import { collectFindings } from './findings-collector';

const redactor = new Redactor();

describe('url path segments', () => {
  it('masks random tokens', () => {
    const { sink, findings } = collectFindings();
    assert.equal(
      redactor.url('/files/share/Zx9Qm2Lk7Vb4Np1Tr8Wc3Yd6/download', sink),
      '/files/share/[REDACTED:url_token]/download',
    );
    assert.deepEqual(findings, [{ type: 'url_token', path: 'url.path' }]);
  });

  it('masks segments after secret words', () => {
    assert.equal(
      redactor.url('/reset-password/8f14e45fceea167a5a36dedd4bea2543'),
      '/reset-password/[REDACTED:url_token]',
    );
    assert.equal(
      redactor.url('/verify/482913'),
      '/verify/[REDACTED:url_token]',
    );
    assert.equal(
      redactor.url('/api/token/abc123def'),
      '/api/token/[REDACTED:token]',
    );
  });

  it('masks detections in segments', () => {
    assert.equal(
      redactor.url('/v1/keys/sk_live_4eC39HqLyjWDarjtT1zdp7dc'),
      '/v1/keys/[REDACTED:stripe_key]',
    );
    assert.equal(
      redactor.url('/u/jane%40example.com/x'),
      '/u/[REDACTED:email]/x',
    );
  });

  it('keeps ordinary segments', () => {
    for (const url of [
      '/orders/550e8400-e29b-41d4-a716-446655440000',
      '/repos/acme/app/commits/3f786850e387550fdab836ed7e6dc881de23001b',
      '/docs/GettingStartedWithOurApiV2',
      '/reset-password',
      '/auth/callback',
      '/v1.22.0/assets/app.js',
    ]) {
      assert.equal(redactor.url(url), url);
    }
  });
});
