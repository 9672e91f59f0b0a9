import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';
import { collectFindings } from './findings-collector';

const redactor = new Redactor();
const GRAPHQL = 'application/graphql';

describe('graphql documents', () => {
  it('masks sensitive string arguments', () => {
    assert.equal(
      redactor.body(
        'mutation { login(user: "jo", password: "hunter2") { id } }',
        GRAPHQL,
      ),
      'mutation { login(user: "jo", password: "[REDACTED:password]") { id } }',
    );
  });

  it('masks numbers, enums, lists and input objects', () => {
    const input =
      '{ pay(pin: 1234, cvv: ABC, otp: [1, 2], credentials: {a: "b", c: ["]"]}) }';
    assert.equal(
      redactor.body(input, GRAPHQL),
      '{ pay(pin: "[REDACTED:pin]", cvv: "[REDACTED:cvv]", otp: "[REDACTED:otp]", credentials: "[REDACTED:credentials]") }',
    );
  });

  it('masks block strings', () => {
    assert.equal(
      redactor.body('{ f(secret: """a \\""" b""") }', GRAPHQL),
      '{ f(secret: "[REDACTED:secret]") }',
    );
  });

  it('keeps variables and null', () => {
    const input = 'mutation($p: String) { login(password: $p, token: null) }';
    assert.equal(redactor.body(input, GRAPHQL), input);
  });

  it('runs detectors on other strings and comments', () => {
    assert.equal(
      redactor.body(
        '# by jane@example.com\n{ f(note: "card 4242424242424242") }',
        GRAPHQL,
      ),
      '# by [REDACTED:email]\n{ f(note: "card [REDACTED:credit_card]") }',
    );
  });

  it('masks an argument cut at the end', () => {
    assert.equal(
      redactor.body('{ login(password: "hun', GRAPHQL),
      '{ login(password: "[REDACTED:password]"',
    );
  });

  it('reports argument paths', () => {
    const { sink, findings } = collectFindings();
    redactor.body('{ a(token: "x") }', GRAPHQL, sink);
    assert.deepEqual(findings, [{ type: 'token', path: 'body.token' }]);
  });
});
