import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';
import { collectFindings } from './findings-collector';

const redactor = new Redactor();

describe('decoded messages', () => {
  it('redacts nested objects', () => {
    const { sink, findings } = collectFindings();
    const output = redactor.message(
      { user: { email: 'a@b.co', password: 'x' }, n: 1 },
      sink,
    );
    assert.equal(
      output,
      '{"user":{"email":"[REDACTED:email]","password":"[REDACTED:password]"},"n":1}',
    );
    assert.deepEqual(findings, [
      { type: 'email', path: 'message.user.email' },
      { type: 'password', path: 'message.user.password' },
    ]);
  });

  it('converts bigint and bytes', () => {
    const output = redactor.message({
      id: 12n,
      note: Buffer.from('mail a@b.co'),
      blob: new Uint8Array([0, 255, 1]),
      skipped: undefined,
    });
    assert.equal(
      output,
      '{"id":"12","note":"mail [REDACTED:email]","blob":"AP8B"}',
    );
  });

  it('writes cycles as circular', () => {
    const value: Record<string, unknown> = { a: 1 };
    value.self = value;
    assert.equal(redactor.message(value), '{"a":1,"self":"[Circular]"}');
  });

  it('walks 10,000 levels', () => {
    let value: unknown = { token: 't' };
    for (let i = 0; i < 10_000; i++) {
      value = [value];
    }
    const output = redactor.message(value);
    assert.ok(output.includes('[REDACTED:token]'));
  });
});
