import { SpanStatusCode } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setupTracing } from './support/tracing';
import type { RunningApp } from './support/apps';
import { startApolloApp } from './support/apps';
import { postGraphql } from './support/client';
import { declarationLine, RESOLVERS_FILE } from './support/location';

const tracing = setupTracing();

describe('Apollo Server 4 capture', () => {
  let app: RunningApp;

  before(async () => {
    app = await startApolloApp();
  });
  after(() => app.stop());
  beforeEach(() => tracing.reset());

  it('names the operation and masks literals', async () => {
    const response = await postGraphql(app.url, {
      query: 'query FindUser { user(id: "u1") { email } hello(name: "Sam") }',
    });
    assert.equal(response.status, 200);
    const trace = await tracing.nextTrace();
    const [execute] = trace.executes();
    assert.ok(execute);
    assert.equal(execute.name, 'query FindUser');
    assert.equal(execute.attributes['graphql.operation.type'], 'query');
    assert.equal(execute.attributes['graphql.operation.name'], 'FindUser');
    const document = String(execute.attributes['graphql.document']);
    assert.match(document, /user\(id: "\*\*\*"\)/);
    assert.match(document, /hello\(name: "\*\*\*"\)/);
    assert.doesNotMatch(document, /u1|Sam/);
  });

  it('masks a password variable named innocently', async () => {
    const response = await postGraphql(app.url, {
      query:
        'mutation SignIn($u: String!, $p: String!) { login(user: $u, password: $p) { token } }',
      variables: { u: 'jane', p: 'hunter2-secret' },
    });
    assert.deepEqual(response.body, {
      data: { login: { token: 'token-for-jane-14' } },
    });
    const [execute] = (await tracing.nextTrace()).executes();
    const variables = JSON.parse(
      String(execute?.attributes['tracegate.graphql.variables']),
    ) as Record<string, unknown>;
    assert.equal(variables.p, '[REDACTED:password]');
    assert.equal(variables.u, 'jane');
    assert.deepEqual(execute?.attributes['tracegate.sensitive.fields'], [
      'graphql.variables.p=password',
    ]);
  });

  it('masks a variable fed to an input field', async () => {
    await postGraphql(app.url, {
      query:
        'mutation Join($e: String!, $x: String!) { signup(input: {email: $e, password: $x}) { id } }',
      variables: { e: 'jane@example.com', x: 'correct horse' },
    });
    const [execute] = (await tracing.nextTrace()).executes();
    const text = String(execute?.attributes['tracegate.graphql.variables']);
    const variables = JSON.parse(text) as Record<string, unknown>;
    assert.equal(variables.x, '[REDACTED:password]');
    assert.equal(variables.e, '[REDACTED:email]');
    assert.doesNotMatch(text, /correct horse|jane@example\.com/);
  });

  it('masks keys inside an input object variable', async () => {
    await postGraphql(app.url, {
      query:
        'mutation Join($data: SignupInput!) { signup(input: $data) { id } }',
      variables: { data: { email: 'a@b.io', password: 'pw-123456' } },
    });
    const [execute] = (await tracing.nextTrace()).executes();
    const text = String(execute?.attributes['tracegate.graphql.variables']);
    assert.doesNotMatch(text, /pw-123456/);
    const variables = JSON.parse(text) as { data: Record<string, unknown> };
    assert.equal(variables.data.password, '[REDACTED:password]');
  });

  it('keeps literal passwords out of the document', async () => {
    const response = await postGraphql(app.url, {
      query:
        'mutation { login(user: "jane", password: "hunter2-secret") { token } }',
    });
    assert.equal(response.status, 200);
    const [execute] = (await tracing.nextTrace()).executes();
    const document = String(execute?.attributes['graphql.document']);
    assert.doesNotMatch(document, /hunter2/);
    assert.match(document, /password: "\*\*\*"/);
  });

  it('records a failing resolver with its location', async () => {
    const response = await postGraphql(app.url, {
      query: 'query Broken { boom hello }',
    });
    const body = response.body as { data: unknown; errors: unknown[] };
    assert.deepEqual(body.data, { boom: null, hello: 'hello world' });
    assert.equal(body.errors.length, 1);
    const trace = await tracing.nextTrace();
    const [execute] = trace.executes();
    assert.equal(execute?.status.code, SpanStatusCode.ERROR);
    assert.equal(execute?.status.message, 'inventory service unavailable');
    assert.equal(execute?.attributes['tracegate.graphql.errors'], 1);
    const event = execute?.events.find((entry) => entry.name === 'exception');
    assert.equal(event?.attributes?.['graphql.field.path'], 'boom');
    assert.equal(event?.attributes?.['exception.type'], 'Error');
    assert.equal(event?.attributes?.['code.function.name'], 'resolveBoom');
    assert.equal(event?.attributes?.['code.file.path'], RESOLVERS_FILE);
    assert.equal(
      event?.attributes?.['code.line.number'],
      declarationLine('resolveBoom'),
    );
    assert.equal(trace.server.attributes['tracegate.graphql.errors'], 1);
  });

  it('records a rejected async resolver', async () => {
    await postGraphql(app.url, { query: '{ asyncBoom }' });
    const [execute] = (await tracing.nextTrace()).executes();
    const event = execute?.events.find((entry) => entry.name === 'exception');
    assert.equal(event?.attributes?.['code.function.name'], 'resolveAsyncBoom');
    assert.equal(
      event?.attributes?.['exception.message'],
      'pricing service timed out',
    );
  });

  it('reports the slowest field', async () => {
    await postGraphql(app.url, { query: '{ slow(ms: 40) hello }' });
    const [execute] = (await tracing.nextTrace()).executes();
    const slow = execute?.events.filter(
      (entry) => entry.name === 'tracegate.graphql.slow_field',
    );
    assert.equal(slow?.[0]?.attributes?.['graphql.field.path'], 'slow');
    assert.equal(
      slow?.[0]?.attributes?.['tracegate.graphql.field.coordinate'],
      'Query.slow',
    );
    assert.ok(
      Number(slow?.[0]?.attributes?.['tracegate.graphql.field.duration_ms']) >=
        35,
    );
    assert.equal(slow?.[0]?.attributes?.['code.function.name'], 'resolveSlow');
    assert.equal(
      slow?.[0]?.attributes?.['code.line.number'],
      declarationLine('resolveSlow'),
    );
  });

  it('handles a batched request', async () => {
    const response = await postGraphql(app.url, [
      { query: 'query First { hello }' },
      { query: 'query Second { boom }' },
      {
        query:
          'mutation Third($p: String!) { login(user: "x", password: $p) { token } }',
        variables: { p: 'batch-secret' },
      },
    ]);
    assert.ok(Array.isArray(response.body));
    assert.equal(response.body.length, 3);
    const trace = await tracing.nextTrace();
    const names = trace
      .executes()
      .map((span) => span.name)
      .sort();
    assert.deepEqual(names, ['mutation Third', 'query First', 'query Second']);
    assert.equal(trace.server.attributes['tracegate.graphql.operations'], 3);
    assert.equal(trace.server.attributes['tracegate.graphql.errors'], 1);
    const third = trace
      .executes()
      .find((span) => span.name === 'mutation Third');
    assert.equal(
      third?.attributes['tracegate.graphql.variables'],
      '{"p":"[REDACTED:password]"}',
    );
  });

  it('counts validation errors on the server span', async () => {
    const response = await postGraphql(app.url, {
      query: '{ nope hello(name: "secret-name-literal") }',
    });
    assert.equal(response.status, 400);
    const trace = await tracing.nextTrace();
    const [validate] = trace.named('graphql.validate');
    assert.equal(validate?.status.code, SpanStatusCode.ERROR);
    assert.equal(trace.server.attributes['tracegate.graphql.errors'], 1);
    assert.equal(trace.executes().length, 0);
  });

  it('masks a coerced variable value in errors', async () => {
    const response = await postGraphql(app.url, {
      query:
        'mutation Bad($p: String!) { login(user: "x", password: $p) { token } }',
      variables: { p: 987654321 },
    });
    const body = response.body as { errors: Array<{ message: string }> };
    assert.match(body.errors[0]?.message ?? '', /987654321/);
    const [execute] = (await tracing.nextTrace()).executes();
    const messages = execute?.events.map((entry) =>
      String(entry.attributes?.['exception.message']),
    );
    assert.equal(messages?.length, 1);
    assert.doesNotMatch(messages?.[0] ?? '', /987654321/);
    assert.match(messages?.[0] ?? '', /Variable "\$p"/);
  });

  it('counts a syntax error on the server span', async () => {
    const response = await postGraphql(app.url, {
      query: '{ hello(name: "open }',
    });
    assert.equal(response.status, 400);
    const trace = await tracing.nextTrace();
    const [parse] = trace.named('graphql.parse');
    assert.equal(parse?.status.code, SpanStatusCode.ERROR);
    assert.equal(trace.server.attributes['tracegate.graphql.errors'], 1);
  });
});
