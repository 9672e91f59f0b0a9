import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { Redactor, validateRedactorOptions } from '../src';
import { collectFindings } from './findings-collector';

const KEY = 'a deployment secret of 32 bytes.';

function expectedHash(value: string, length = 16): string {
  return createHmac('sha256', KEY).update(value).digest('hex').slice(0, length);
}

describe('actions', () => {
  it('mask is the default', () => {
    assert.equal(
      new Redactor().text('4242424242424242'),
      '[REDACTED:credit_card]',
    );
  });

  it('partial keeps the last four', () => {
    const redactor = new Redactor({
      actions: { credit_card: 'partial', us_ssn: 'partial' },
    });
    assert.equal(
      redactor.text('card 4242 4242 4242 4242'),
      'card [REDACTED:credit_card:...4242]',
    );
    assert.equal(redactor.text('536-22-1234'), '[REDACTED:us_ssn:...1234]');
  });

  it('partial masks short values whole', () => {
    const redactor = new Redactor({ actions: { pin: 'partial' } });
    assert.equal(
      redactor.json('{"pin":"12345678"}'),
      '{"pin":"[REDACTED:pin]"}',
    );
  });

  it('partial length is configurable', () => {
    const redactor = new Redactor({
      actions: { credit_card: 'partial' },
      partialLength: 2,
    });
    assert.equal(
      redactor.text('4242424242424242'),
      '[REDACTED:credit_card:...42]',
    );
  });

  it('hash writes a keyed HMAC', () => {
    const redactor = new Redactor({ actions: { email: 'hash' }, hashKey: KEY });
    assert.equal(
      redactor.text('mail Jane@Example.com'),
      `mail [HASH:email:${expectedHash('jane@example.com')}]`,
    );
  });

  it('hash ignores card separators', () => {
    const redactor = new Redactor({
      actions: { credit_card: 'hash' },
      hashKey: KEY,
    });
    const hash = `[HASH:credit_card:${expectedHash('4242424242424242')}]`;
    assert.equal(redactor.text('4242 4242 4242 4242'), hash);
    assert.equal(redactor.text('4242-4242-4242-4242'), hash);
  });

  it('hash length is configurable', () => {
    const redactor = new Redactor({
      actions: { password: 'hash' },
      hashKey: KEY,
      hashLength: 8,
    });
    assert.equal(
      redactor.form('password=hunter2'),
      `password=[HASH:password:${expectedHash('hunter2', 8)}]`,
    );
  });

  it('hash applies to headers and cookies', () => {
    const redactor = new Redactor({
      actions: { authorization: 'hash', cookie: 'hash' },
      hashKey: KEY,
    });
    assert.equal(
      redactor.header('Authorization', 'Bearer abc'),
      `[HASH:authorization:${expectedHash('Bearer abc')}]`,
    );
    assert.equal(
      redactor.header('Cookie', 'sid=s1'),
      `sid=[HASH:cookie:${expectedHash('s1')}]`,
    );
  });

  it('hash without key masks', () => {
    const options = { actions: { email: 'hash' as const } };
    assert.equal(new Redactor(options).text('a@b.co'), '[REDACTED:email]');
    assert.deepEqual(validateRedactorOptions(options), [
      'email uses the hash action but hashKey is not set; its values are masked instead.',
    ]);
  });

  it('short hash key is rejected', () => {
    const redactor = new Redactor({
      actions: { email: 'hash' },
      hashKey: 'short',
    });
    assert.equal(redactor.text('a@b.co'), '[REDACTED:email]');
    assert.equal(redactor.problems.length, 2);
  });

  it('classify keeps and reports', () => {
    const { sink, findings } = collectFindings();
    const redactor = new Redactor({
      actions: { email: 'classify', password: 'classify' },
    });
    const json = '{"mail":"a@b.co","password":"x"}';
    assert.equal(redactor.json(json, sink), json);
    assert.deepEqual(findings, [
      { type: 'email', path: 'body.mail' },
      { type: 'password', path: 'body.password' },
    ]);
  });

  it('ip addresses mask when configured', () => {
    const redactor = new Redactor({ actions: { ipv4: 'mask' } });
    assert.equal(redactor.text('from 203.0.113.7'), 'from [REDACTED:ipv4]');
  });

  it('invalid actions are reported', () => {
    const problems = validateRedactorOptions({
      actions: { email: 'drop' },
      hashLength: 100,
      partialLength: 0,
    });
    assert.deepEqual(problems, [
      'actions.email must be one of mask, partial, hash, classify; the default action is used.',
      'hashLength must be an integer from 8 to 64; 16 is used.',
      'partialLength must be an integer from 1 to 8; 4 is used.',
    ]);
  });

  it('masks are not redacted again', () => {
    const redactor = new Redactor({ actions: { credit_card: 'partial' } });
    const once = redactor.text('4242424242424242 and password=x');
    const { sink, findings } = collectFindings();
    assert.equal(redactor.text(once, sink), once);
    assert.deepEqual(findings, []);
  });
});
