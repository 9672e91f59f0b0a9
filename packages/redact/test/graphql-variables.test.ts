import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';
import { collectFindings } from './findings-collector';

const redactor = new Redactor();
const LOGIN =
  'mutation Login($u: String!, $p: String!) { login(user: $u, password: $p) { id } }';

describe('graphql variables', () => {
  it('masks a variable fed to a password', () => {
    const { sink, findings } = collectFindings();
    const body = JSON.stringify({
      query: LOGIN,
      variables: { u: 'jo', p: 'hunter2' },
    });
    const output = redactor.body(body, 'application/json', sink);
    assert.equal(
      output,
      JSON.stringify({
        query: LOGIN,
        variables: { u: 'jo', p: '[REDACTED:password]' },
      }),
    );
    assert.deepEqual(findings, [
      { type: 'password', path: 'body.variables.p' },
    ]);
  });

  it('maps variables inside input objects', () => {
    const query =
      'mutation($s: String, $c: CardInput) { pay(input: {cvv: $s, card: $c}) }';
    const body = JSON.stringify({
      query,
      variables: { s: '123', c: { number: '1' } },
    });
    const output = JSON.parse(redactor.json(body)) as {
      variables: Record<string, unknown>;
    };
    assert.deepEqual(output.variables, {
      s: '[REDACTED:cvv]',
      c: { number: '1' },
    });
  });

  it('maps variables in masked literals', () => {
    const query =
      'mutation($a: String) { f(credentials: {user: "x", pass: $a}) }';
    const body = JSON.stringify({ query, variables: { a: 'pw' } });
    const output = JSON.parse(redactor.json(body)) as {
      query: string;
      variables: Record<string, unknown>;
    };
    assert.equal(
      output.query,
      'mutation($a: String) { f(credentials: "[REDACTED:credentials]") }',
    );
    assert.deepEqual(output.variables, { a: '[REDACTED:credentials]' });
  });

  it('handles batched requests', () => {
    const body = JSON.stringify([
      { query: LOGIN, variables: { u: 'a', p: 'x' } },
      { query: '{ me { email } }' },
    ]);
    const output = JSON.parse(redactor.json(body)) as Array<{
      variables?: unknown;
    }>;
    assert.deepEqual(output[0].variables, { u: 'a', p: '[REDACTED:password]' });
  });

  it('handles variables sent as a string', () => {
    const body = JSON.stringify({
      query: LOGIN,
      variables: JSON.stringify({ p: 'x' }),
    });
    const output = JSON.parse(redactor.json(body)) as { variables: string };
    assert.equal(output.variables, '{"p":"[REDACTED:password]"}');
  });

  it('handles GET requests', () => {
    const url = `/graphql?query=${encodeURIComponent(LOGIN)}&variables=${encodeURIComponent('{"p":"hunter2"}')}`;
    const output = redactor.url(url);
    assert.ok(!output.includes('hunter2'), output);
    assert.ok(
      output.includes(encodeURIComponent('[REDACTED:password]')),
      output,
    );
  });

  it('redacts a document and variables', () => {
    const { sink, findings } = collectFindings();
    const result = redactor.graphql(LOGIN, { u: 'jo', p: 'x' }, sink);
    assert.equal(result.document, LOGIN);
    assert.equal(result.variables, '{"u":"jo","p":"[REDACTED:password]"}');
    assert.deepEqual(findings, [
      { type: 'password', path: 'graphql.variables.p' },
    ]);
  });

  it('decodes escapes in literals', () => {
    assert.equal(
      redactor.body(
        '{ f(note: "jane\\u0040example.com") }',
        'application/graphql',
      ),
      '{ f(note: "[REDACTED:email]") }',
    );
  });

  it('masks every literal in all mode', () => {
    const all = new Redactor({ graphqlLiterals: 'all' });
    assert.equal(
      all.body(
        '{ search(text: "shoes", first: 10, sort: ASC) { id } }',
        'application/graphql',
      ),
      '{ search(text: "[REDACTED:literal]", first: "[REDACTED:literal]", sort: ASC) { id } }',
    );
  });

  it('keeps other JSON with a query key', () => {
    const body = '{"query":"red shoes","page":2}';
    assert.equal(redactor.json(body), body);
  });
});
