import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as graphql from 'graphql';
import { Redactor } from '@tracegate/redact';
import { redactVariables } from '../src/variable-redaction';
import { mapVariableSinks } from '../src/variable-sinks';

const redactor = new Redactor();

function sinksOf(source: string) {
  const document = graphql.parse(source);
  const operation = document.definitions[0] as graphql.OperationDefinitionNode;
  return mapVariableSinks(document, operation, { visit: graphql.visit });
}

function redact(
  source: string,
  values: Record<string, unknown>,
  maxLength = 10_000,
) {
  const findings: Array<{ type: string; path: string }> = [];
  const result = redactVariables(
    values,
    sinksOf(source),
    redactor,
    maxLength,
    (finding) => findings.push(finding),
  );
  return { ...result, findings };
}

describe('mapVariableSinks', () => {
  it('maps arguments, input fields and types', () => {
    const sinks = sinksOf(
      'query ($a: String, $b: Secret, $c: Int) { f(password: $a, input: {nested: {pin: [$c]}}) g(x: $b) }',
    );
    assert.deepEqual([...(sinks?.get('a') ?? [])], ['a', 'String', 'password']);
    assert.deepEqual([...(sinks?.get('b') ?? [])], ['b', 'Secret', 'x']);
    assert.deepEqual(
      [...(sinks?.get('c') ?? [])],
      ['c', 'Int', 'pin', 'nested', 'input'],
    );
  });

  it('follows variables into fragments', () => {
    const sinks = sinksOf(
      'query ($t: String) { ...F } fragment F on Query { f(token: $t) }',
    );
    assert.ok(sinks?.get('t')?.has('token'));
  });

  it('maps directive arguments', () => {
    const sinks = sinksOf('query ($show: Boolean!) { f @include(if: $show) }');
    assert.ok(sinks?.get('show')?.has('if'));
  });
});

describe('redactVariables', () => {
  it('masks by the argument fed', () => {
    const { text, findings } = redact(
      'mutation ($p: String, $u: String) { login(password: $p, user: $u) }',
      { p: 'hunter2', u: 'jane' },
    );
    assert.equal(text, '{"p":"[REDACTED:password]","u":"jane"}');
    assert.deepEqual(findings, [
      { type: 'password', path: 'graphql.variables.p' },
    ]);
  });

  it('masks an object fed to a sensitive argument whole', () => {
    const { text, maskedValues } = redact(
      'mutation ($c: Creds) { login(credentials: $c) }',
      { c: { user: 'jane', secret: 'abc123' } },
    );
    assert.equal(text, '{"c":"[REDACTED:credentials]"}');
    assert.deepEqual(maskedValues.sort(), ['abc123', 'jane']);
  });

  it('applies key rules inside values', () => {
    const { text, findings } = redact('mutation ($in: In) { f(input: $in) }', {
      in: { name: 'x', api_key: 'k-1' },
    });
    assert.equal(text, '{"in":{"name":"x","api_key":"[REDACTED:api_key]"}}');
    assert.deepEqual(findings, [
      { type: 'api_key', path: 'graphql.variables.in.api_key' },
    ]);
  });

  it('runs detectors on plain values', () => {
    const { text } = redact('query ($e: String) { f(contact: $e) }', {
      e: 'jane@example.com',
    });
    assert.equal(text, '{"e":"[REDACTED:email]"}');
  });

  it('masks variables the document never uses by name', () => {
    const { text } = redact('query { f }', { token: 'abc', other: 1 });
    assert.equal(text, '{"token":"[REDACTED:token]","other":1}');
  });

  it('cuts long variables after redaction', () => {
    const { text, truncated } = redact(
      'query ($a: String, $p: String) { f(a: $a, password: $p) }',
      { p: 'hunter2', a: 'x'.repeat(100) },
      60,
    );
    assert.equal(truncated, true);
    assert.equal(text.length <= 60, true);
    assert.match(text, /^\{"p":"\[REDACTED:password\]","a":"x+$/);
  });

  it('replaces values JSON cannot encode', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const { text } = redact('query { f }', { big: 10n, loop: cyclic });
    assert.equal(text, '{"big":"[unserializable]","loop":"[unserializable]"}');
  });

  it('skips undefined values', () => {
    const { text } = redact('query { f }', { gone: undefined, kept: null });
    assert.equal(text, '{"kept":null}');
  });
});
