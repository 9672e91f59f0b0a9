import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';
import { collectFindings } from './findings-collector';

const redactor = new Redactor();

describe('json text pass', () => {
  it('masks cut string value', () => {
    const input = '{"user":"jo","password":"hunt';
    assert.equal(
      redactor.json(input, undefined, true),
      '{"user":"jo","password":"[REDACTED:password]',
    );
  });

  it('masks a number cut at the end', () => {
    assert.equal(
      redactor.json('{"pin": 12', undefined, true),
      '{"pin": "[REDACTED:pin]"',
    );
  });

  it('masks cut sensitive object', () => {
    assert.equal(
      redactor.json('{"a":1,"secret":{"k":[1,{"x":"y', undefined, true),
      '{"a":1,"secret":"[REDACTED:secret]"',
    );
  });

  it('keeps the layout of cut JSON', () => {
    const input = '{\n  "a": 1,\n  "b": "text';
    assert.equal(redactor.json(input, undefined, true), input);
  });

  it('masks invalid JSON without flag', () => {
    assert.equal(
      redactor.json('{"token": "abc", "n": 1,,}'),
      '{"token": "[REDACTED:token]", "n": 1,,}',
    );
  });

  it('masks keys at depth in cut JSON', () => {
    const input = '{"a":[{"b":{"access_token":"x"}},{"refresh_token":"y';
    assert.equal(
      redactor.json(input, undefined, true),
      '{"a":[{"b":{"access_token":"[REDACTED:access_token]"}},{"refresh_token":"[REDACTED:refresh_token]',
    );
  });

  it('runs detectors on cut strings', () => {
    const input = '{"note":"mail jane@example.com and more';
    assert.equal(
      redactor.json(input, undefined, true),
      '{"note":"mail [REDACTED:email] and more',
    );
  });

  it('runs detectors on text outside strings', () => {
    assert.equal(
      redactor.json(
        '{"n": 4242424242424242, oops jane@example.com',
        undefined,
        true,
      ),
      '{"n": "[REDACTED:credit_card]", oops [REDACTED:email]',
    );
  });

  it('masks unquoted and single-quoted keys', () => {
    assert.equal(
      redactor.json("{password: 'hunter 2', 'secret': 1}"),
      '{password: "[REDACTED:password]", \'secret\': "[REDACTED:secret]"}',
    );
  });

  it('decodes escapes before detection', () => {
    assert.equal(
      redactor.json('{"e":"jane\\u0040example.com", "x":', undefined, true),
      '{"e":"[REDACTED:email]", "x":',
    );
  });

  it('reports paths from the text pass', () => {
    const { sink, findings } = collectFindings();
    redactor.json('{"a":[{"password":"x"},{"b":"jane@example.com', sink, true);
    assert.deepEqual(findings, [
      { type: 'password', path: 'body.a[0].password' },
      { type: 'email', path: 'body.a[1].b' },
    ]);
  });

  it('passes the flag through body', () => {
    assert.equal(
      redactor.body('{"password":"abc', 'application/json', undefined, true),
      '{"password":"[REDACTED:password]',
    );
  });
});
