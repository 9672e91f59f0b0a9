import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';

const redactor = new Redactor();

function redactObject(value: unknown): unknown {
  return JSON.parse(redactor.json(JSON.stringify(value)));
}

describe('json key rules', () => {
  it('masks a top-level key', () => {
    assert.deepEqual(redactObject({ password: 'hunter2', user: 'jo' }), {
      password: '[REDACTED:password]',
      user: 'jo',
    });
  });

  it('masks keys at depth', () => {
    const input = { a: { b: { c: { client_secret: 's3cr3t', id: 7 } } } };
    assert.deepEqual(redactObject(input), {
      a: { b: { c: { client_secret: '[REDACTED:client_secret]', id: 7 } } },
    });
  });

  it('masks keys inside arrays', () => {
    const input = { users: [{ token: 'a' }, { token: 'b', name: 'x' }] };
    assert.deepEqual(redactObject(input), {
      users: [
        { token: '[REDACTED:token]' },
        { token: '[REDACTED:token]', name: 'x' },
      ],
    });
  });

  it('matches spelling variants of a key', () => {
    for (const key of ['apiKey', 'api-key', 'API_KEY', 'Api.Key', 'apikey']) {
      const output = redactObject({ [key]: 'k' }) as Record<string, unknown>;
      assert.equal(output[key], '[REDACTED:api_key]', key);
    }
  });

  it('keeps keys containing rule names', () => {
    const input = { shipping: 'road', tokenizer: 'bpe', pinned: true };
    assert.deepEqual(redactObject(input), input);
  });

  it('masks whole containers', () => {
    const input = { credentials: { user: 'a', pass: 'b' }, pin: [1, 2, 3, 4] };
    assert.deepEqual(redactObject(input), {
      credentials: '[REDACTED:credentials]',
      pin: '[REDACTED:pin]',
    });
  });

  it('masks numbers and booleans', () => {
    assert.deepEqual(redactObject({ cvv: 123, otp: true }), {
      cvv: '[REDACTED:cvv]',
      otp: '[REDACTED:otp]',
    });
  });

  it('keeps null under a sensitive key', () => {
    assert.deepEqual(redactObject({ password: null }), { password: null });
  });

  it('runs detectors on values under any key', () => {
    const input = {
      note: 'mail jane@example.com',
      items: ['4242424242424242'],
    };
    assert.deepEqual(redactObject(input), {
      note: 'mail [REDACTED:email]',
      items: ['[REDACTED:credit_card]'],
    });
  });

  it('masks numeric card number', () => {
    assert.deepEqual(redactObject({ n: 4242424242424242 }), {
      n: '[REDACTED:credit_card]',
    });
  });

  it('masks a detection in a key', () => {
    const output = redactor.json('{"jane@example.com":{"role":"admin"}}');
    assert.equal(output, '{"[REDACTED:email]":{"role":"admin"}}');
  });

  it('returns clean input unchanged', () => {
    const input = '{\n  "a": 1,\n  "b": [true, null, 2.50]\n}';
    assert.equal(redactor.json(input), input);
  });

  it('keeps integers beyond 2^53 exact', () => {
    const input = '{"id": 123456789012345678901, "password": "x"}';
    assert.equal(
      redactor.json(input),
      '{"id": 123456789012345678901, "password": "[REDACTED:password]"}',
    );
  });

  it('masks 19-digit numeric card', () => {
    const input = '{"n": 6304000000000000000}';
    assert.equal(redactor.json(input), '{"n": "[REDACTED:credit_card]"}');
  });

  it('walks a __proto__ key', () => {
    const output = redactor.json('{"__proto__":{"password":"x"}}');
    assert.equal(output, '{"__proto__":{"password":"[REDACTED:password]"}}');
  });
});
