import { SpanStatusCode } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { graphqlLanguage } from '../src/graphql-language';
import { setupTracing } from './support/tracing';
import type { RunningApp } from './support/apps';
import { startGraphqlHttpApp } from './support/apps';
import type { GraphqlRequest } from './support/client';
import { postGraphql } from './support/client';
import type { Graphql17Tree } from './support/graphql17';
import { prepareGraphql17Tree } from './support/graphql17';
import { declarationLine, RESOLVERS_FILE } from './support/location';

const tracing = setupTracing();

describe('graphql 17 with graphql-http capture', () => {
  let tree: Graphql17Tree;
  let app: RunningApp;

  before(async () => {
    tree = prepareGraphql17Tree();
    app = await startGraphqlHttpApp(tree);
  });
  after(async () => {
    await app.stop();
    tree.remove();
  });
  beforeEach(() => tracing.reset());

  it('runs graphql 17', () => {
    assert.equal(tree.graphql.versionInfo.major, 17);
  });

  it('reads visit and print from graphql 17', () => {
    assert.equal(graphqlLanguage.visit, tree.graphql.visit);
    assert.equal(graphqlLanguage.print, tree.graphql.print);
  });

  it('names the operation and masks literals', async () => {
    const response = await postGraphql(app.url, {
      query: 'query Greet { hello(name: "Sam") }',
    });
    assert.deepEqual(response.body, { data: { hello: 'hello Sam' } });
    const trace = await tracing.nextTrace();
    const [execute] = trace.executes();
    assert.equal(execute?.name, 'query Greet');
    assert.equal(execute?.attributes['graphql.operation.name'], 'Greet');
    assert.equal(
      execute?.attributes['graphql.document'],
      'query Greet {\n  hello(name: "***")\n}',
    );
    assert.equal(
      execute?.parentSpanContext?.spanId,
      trace.server.spanContext().spanId,
    );
    assert.equal(trace.named('graphql.parse').length, 1);
    assert.equal(trace.named('graphql.validate').length, 1);
  });

  it('masks a password variable named innocently', async () => {
    await postGraphql(app.url, {
      query:
        'mutation ($who: String!, $k: String!) { login(user: $who, password: $k) { token } }',
      variables: { who: 'sam', k: 'open-sesame' },
    });
    const [execute] = (await tracing.nextTrace()).executes();
    assert.equal(execute?.name, 'mutation');
    assert.equal(
      execute?.attributes['tracegate.graphql.variables'],
      '{"who":"sam","k":"[REDACTED:password]"}',
    );
  });

  it('records a failing resolver', async () => {
    await postGraphql(app.url, { query: 'query Fail { hello asyncBoom }' });
    const trace = await tracing.nextTrace();
    const [execute] = trace.executes();
    assert.equal(execute?.status.code, SpanStatusCode.ERROR);
    assert.equal(execute?.status.message, 'pricing service timed out');
    const event = execute?.events.find((entry) => entry.name === 'exception');
    assert.equal(event?.attributes?.['graphql.field.path'], 'asyncBoom');
    assert.equal(event?.attributes?.['code.function.name'], 'resolveAsyncBoom');
    assert.equal(event?.attributes?.['code.file.path'], RESOLVERS_FILE);
    assert.equal(
      event?.attributes?.['code.line.number'],
      declarationLine('resolveAsyncBoom'),
    );
    assert.equal(trace.server.attributes['tracegate.graphql.errors'], 1);
  });

  it('reports the slowest field', async () => {
    await postGraphql(app.url, { query: '{ slow(ms: 30) hello }' });
    const [execute] = (await tracing.nextTrace()).executes();
    const slow = execute?.events.filter(
      (entry) => entry.name === 'tracegate.graphql.slow_field',
    );
    assert.equal(slow?.[0]?.attributes?.['graphql.field.path'], 'slow');
    assert.equal(slow?.[0]?.attributes?.['code.function.name'], 'resolveSlow');
    assert.ok(
      Number(slow?.[0]?.attributes?.['tracegate.graphql.field.duration_ms']) >=
        25,
    );
  });

  it('counts validation errors', async () => {
    const response = await postGraphql(app.url, { query: '{ missing }' });
    assert.equal(response.status, 400);
    const trace = await tracing.nextTrace();
    const [validate] = trace.named('graphql.validate');
    assert.equal(validate?.status.code, SpanStatusCode.ERROR);
    assert.equal(trace.server.attributes['tracegate.graphql.errors'], 1);
  });

  it('records a syntax error', async () => {
    await postGraphql(app.url, { query: '{ hello(name: "open }' });
    const trace = await tracing.nextTrace();
    const [parse] = trace.named('graphql.parse');
    assert.equal(parse?.status.code, SpanStatusCode.ERROR);
    assert.equal(trace.server.attributes['tracegate.graphql.errors'], 1);
  });

  it('answers the same untraced', async () => {
    const requests: GraphqlRequest[] = [
      { query: '{ hello user(id: "u1") { email } }' },
      { query: '{ boom asyncBoom hello }' },
      { query: '{ missing }' },
      {
        query:
          'mutation ($p: String!) { login(user: "x", password: $p) { token } }',
        variables: { p: 7 },
      },
    ];
    const traced = [];
    for (const request of requests) {
      traced.push(await postGraphql(app.url, request));
    }
    tracing.instrumentation.disable();
    try {
      for (const [index, request] of requests.entries()) {
        assert.deepEqual(await postGraphql(app.url, request), traced[index]);
      }
    } finally {
      tracing.instrumentation.enable();
    }
  });
});
