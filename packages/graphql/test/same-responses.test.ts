import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChildApp } from './support/child-app';
import { startChildApp } from './support/child-app';
import type { GraphqlRequest } from './support/client';
import { postGraphql } from './support/client';

/** Requests that every app serves, covering data, variables and errors. */
const REQUESTS: Array<[string, GraphqlRequest | GraphqlRequest[]]> = [
  [
    'query',
    { query: 'query Q { hello(name: "Sam") user(id: "u1") { email } }' },
  ],
  [
    'mutation with variables',
    {
      query:
        'mutation M($u: String!, $p: String!) { login(user: $u, password: $p) { token } }',
      variables: { u: 'jane', p: 'hunter2' },
    },
  ],
  [
    'input object',
    {
      query: 'mutation J($d: SignupInput!) { signup(input: $d) { id email } }',
      variables: { d: { email: 'a@b.io', password: 'pw-123456' } },
    },
  ],
  ['resolver errors', { query: '{ boom asyncBoom legacyStatus hello }' }],
  ['validation error', { query: '{ missing }' }],
  ['syntax error', { query: '{ hello(' }],
  [
    'coercion error',
    {
      query:
        'mutation B($p: String!) { login(user: "x", password: $p) { token } }',
      variables: { p: 5 },
    },
  ],
  ['unknown operation', { query: 'query A { hello }', operationName: 'B' }],
];

/** Batched requests, which only Apollo Server accepts. */
const BATCH: GraphqlRequest[] = [
  { query: '{ hello }' },
  { query: '{ boom }' },
  { query: 'query { slow(ms: 5) }' },
];

for (const kind of ['apollo', 'graphql-http'] as const) {
  describe(`${kind} answers the same traced`, () => {
    let plain: ChildApp;
    let traced: ChildApp;

    before(async () => {
      [plain, traced] = await Promise.all([
        startChildApp(kind, 'plain'),
        startChildApp(kind, 'traced'),
      ]);
    });
    after(() => Promise.all([plain.stop(), traced.stop()]));

    const cases =
      kind === 'apollo' ? [...REQUESTS, ['batch', BATCH] as const] : REQUESTS;
    for (const [name, request] of cases) {
      it(name, async () => {
        const expected = await postGraphql(plain.url, request);
        const actual = await postGraphql(traced.url, request);
        assert.equal(actual.status, expected.status);
        assert.equal(actual.contentType, expected.contentType);
        assert.deepEqual(actual.body, expected.body);
      });
    }
  });
}
