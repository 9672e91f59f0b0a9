import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';
import { collectFindings } from './findings-collector';

const redactor = new Redactor();
const MASK = '[REDACTED:cookie]';

describe('cookie headers', () => {
  it('masks values, keeps names', () => {
    assert.equal(
      redactor.header('Cookie', 'session=abc123; theme=dark;lang=en'),
      `session=${MASK}; theme=${MASK};lang=${MASK}`,
    );
  });

  it('keeps empty cookie values', () => {
    assert.equal(redactor.header('cookie', 'a=; b=1'), `a=; b=${MASK}`);
  });

  it('masks a cookie without a name', () => {
    assert.equal(redactor.header('cookie', 'abc; b=1'), `${MASK}; b=${MASK}`);
  });

  it('keeps values that contain equals signs whole', () => {
    assert.equal(redactor.header('cookie', 'jwt=a=b=c'), `jwt=${MASK}`);
  });

  it('keeps Set-Cookie attributes', () => {
    const input =
      'sid=s%3Aabc; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly; Secure; SameSite=Lax';
    assert.equal(
      redactor.header('Set-Cookie', input),
      `sid=${MASK}; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly; Secure; SameSite=Lax`,
    );
  });

  it('masks a Set-Cookie without attributes', () => {
    assert.equal(redactor.header('set-cookie', 'a=b'), `a=${MASK}`);
  });

  it('reports cookie names as paths', () => {
    const { sink, findings } = collectFindings();
    redactor.header('cookie', 'session=1; cart-id=2', sink);
    redactor.header('set-cookie', 'refresh=3; Path=/', sink);
    assert.deepEqual(findings, [
      { type: 'cookie', path: 'cookie.session' },
      { type: 'cookie', path: 'cookie.cart-id' },
      { type: 'cookie', path: 'cookie.refresh' },
    ]);
  });
});
