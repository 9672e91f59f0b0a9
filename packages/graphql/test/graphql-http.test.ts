import { SpanStatusCode } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setupTracing } from './support/tracing';
import type { RunningApp } from './support/apps';
import { startGraphqlHttpApp } from './support/apps';
import { postGraphql } from './support/client';
import { declarationLine, RESOLVERS_FILE } from './support/location';

const tracing = setupTracing();

describe('graphql-http over Express capture', () => {
  let app: RunningApp;

  before(async () => {
    app = await startGraphqlHttpApp();
  });
  after(() => app.stop());
  beforeEach(() => tracing.reset());

  it('names the operation and masks literals', async () => {
    const response = await postGraphql(app.url, {
      query: 'query Greet { hello(name: "Sam") slow(ms: 1) }',
    });
    assert.deepEqual(response.body, {
      data: { hello: 'hello Sam', slow: 1 },
    });
    const [execute] = (await tracing.nextTrace()).executes();
    assert.equal(execute?.name, 'query Greet');
    assert.equal(
      execute?.attributes['graphql.document'],
      'query Greet {\n  hello(name: "***")\n  slow(ms: "***")\n}',
    );
  });

  it('masks a password variable named innocently', async () => {
    await postGraphql(app.url, {
      query:
        'mutation ($who: String!, $k: String!) { login(user: $who, password: $k) { token } }',
      variables: { who: 'sam', k: 'open-sesame' },
    });
    const [execute] = (await tracing.nextTrace()).executes();
    assert.equal(execute?.attributes['graphql.operation.type'], 'mutation');
    assert.equal(
      execute?.attributes['tracegate.graphql.variables'],
      '{"who":"sam","k":"[REDACTED:password]"}',
    );
    assert.deepEqual(execute?.attributes['tracegate.sensitive.types'], [
      'password',
    ]);
  });

  it('records a failing schema resolver', async () => {
    const response = await postGraphql(app.url, {
      query: 'query Fail { boom }',
    });
    const body = response.body as { errors: unknown[] };
    assert.equal(body.errors.length, 1);
    const trace = await tracing.nextTrace();
    const [execute] = trace.executes();
    assert.equal(execute?.status.code, SpanStatusCode.ERROR);
    const event = execute?.events.find((entry) => entry.name === 'exception');
    assert.equal(event?.attributes?.['code.function.name'], 'resolveBoom');
    assert.equal(event?.attributes?.['code.file.path'], RESOLVERS_FILE);
    assert.equal(
      event?.attributes?.['code.line.number'],
      declarationLine('resolveBoom'),
    );
    assert.equal(trace.server.attributes['tracegate.graphql.errors'], 1);
    assert.equal(trace.server.attributes['tracegate.graphql.operations'], 1);
  });

  it('records a failing root value method', async () => {
    await postGraphql(app.url, { query: '{ legacyStatus hello }' });
    const [execute] = (await tracing.nextTrace()).executes();
    const event = execute?.events.find((entry) => entry.name === 'exception');
    assert.equal(event?.attributes?.['graphql.field.path'], 'legacyStatus');
    assert.equal(event?.attributes?.['code.function.name'], 'legacyStatus');
    assert.equal(
      event?.attributes?.['code.line.number'],
      declarationLine('legacyStatus'),
    );
  });

  it('keeps trivial fields out of slow fields', async () => {
    await postGraphql(app.url, { query: '{ user(id: "u1") { id email } }' });
    const [execute] = (await tracing.nextTrace()).executes();
    const paths = execute?.events
      .filter((entry) => entry.name === 'tracegate.graphql.slow_field')
      .map((entry) => entry.attributes?.['graphql.field.path']);
    assert.deepEqual(paths, ['user']);
  });

  it('records every error with its path', async () => {
    await postGraphql(app.url, {
      query: '{ a: boom b: boom c: asyncBoom hello }',
    });
    const [execute] = (await tracing.nextTrace()).executes();
    assert.equal(execute?.attributes['tracegate.graphql.errors'], 3);
    const paths = execute?.events
      .filter((entry) => entry.name === 'exception')
      .map((entry) => entry.attributes?.['graphql.field.path'])
      .sort();
    assert.deepEqual(paths, ['a', 'b', 'c']);
  });

  it('cuts large variables and documents', async () => {
    const name = 'n'.repeat(200_000);
    const aliases = Array.from(
      { length: 700 },
      (_, i) => `greeting_alias_number_${i}: hello`,
    );
    const response = await postGraphql(app.url, {
      query: `query Big($name: String) { hello(name: $name) ${aliases.join(' ')} }`,
      variables: { name },
    });
    const body = response.body as { data: { hello: string } };
    assert.equal(body.data.hello, `hello ${name}`);
    const [execute] = (await tracing.nextTrace()).executes();
    const variables = String(
      execute?.attributes['tracegate.graphql.variables'],
    );
    const document = String(execute?.attributes['graphql.document']);
    assert.ok(variables.length <= 16 * 1024);
    assert.match(variables, /^\{"name":"n{16000,}$/);
    assert.equal(
      execute?.attributes['tracegate.graphql.variables.truncated'],
      true,
    );
    assert.equal(document.length, 16 * 1024);
    assert.equal(
      execute?.attributes['tracegate.graphql.document.truncated'],
      true,
    );
  });

  it('counts validation errors', async () => {
    const response = await postGraphql(app.url, { query: '{ missing other }' });
    assert.equal(response.status, 400);
    const trace = await tracing.nextTrace();
    const [validate] = trace.named('graphql.validate');
    assert.equal(validate?.attributes['tracegate.graphql.errors'], 2);
    assert.equal(trace.server.attributes['tracegate.graphql.errors'], 2);
  });
});
