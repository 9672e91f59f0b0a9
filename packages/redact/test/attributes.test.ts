import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';
import { collectFindings } from './findings-collector';

const redactor = new Redactor();

describe('span attributes', () => {
  it('redacts database statements', () => {
    const { sink, findings } = collectFindings();
    const output = redactor.scanAttributeValue(
      'db.statement',
      "UPDATE users SET password = 'hunter2', email = 'jane@example.com' WHERE id = 7",
      sink,
    );
    assert.equal(
      output,
      "UPDATE users SET password = '[REDACTED:password]', email = '[REDACTED:email]' WHERE id = 7",
    );
    assert.deepEqual(findings, [
      { type: 'password', path: 'db.statement' },
      { type: 'email', path: 'db.statement' },
    ]);
  });

  it('redacts exception messages', () => {
    assert.equal(
      redactor.scanAttributeValue(
        'exception.message',
        'card 4242424242424242 declined',
      ),
      'card [REDACTED:credit_card] declined',
    );
  });

  it('redacts URLs and queries', () => {
    assert.equal(
      redactor.scanAttributeValue(
        'url.full',
        'https://a.example/x?token=t1&q=1',
      ),
      'https://a.example/x?token=[REDACTED:token]&q=1',
    );
    assert.equal(
      redactor.scanAttributeValue('url.query', 'token=t1&q=1'),
      'token=[REDACTED:token]&q=1',
    );
  });

  it('redacts header attributes', () => {
    assert.deepEqual(
      redactor.scanAttributeValue('http.request.header.authorization', [
        'Bearer abc',
      ]),
      ['[REDACTED:authorization]'],
    );
  });

  it('masks by attribute key', () => {
    assert.equal(
      redactor.scanAttributeValue('app.api_key', 'k-1'),
      '[REDACTED:api_key]',
    );
  });

  it('redacts JSON text', () => {
    assert.equal(
      redactor.scanAttributeValue('messaging.payload', '{"pin":"1"}'),
      '{"pin":"[REDACTED:pin]"}',
    );
  });

  it('redacts large integers', () => {
    assert.equal(
      redactor.scanAttributeValue('app.n', 4242424242424242),
      '[REDACTED:credit_card]',
    );
    assert.equal(redactor.scanAttributeValue('app.n', 42), 42);
    assert.equal(redactor.scanAttributeValue('app.flag', true), true);
  });

  it('leaves redacted values alone', () => {
    const body = redactor.json('{"password":"x","mail":"a@b.co"}');
    const { sink, findings } = collectFindings();
    assert.equal(
      redactor.scanAttributeValue('http.request.body', body, sink),
      body,
    );
    assert.deepEqual(findings, []);
  });
});
