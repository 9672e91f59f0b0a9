import type { Span } from '@opentelemetry/api';
import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { setupTracing } from './support/tracing';
import { buildTestSchema, graphql } from './support/schema';

const tracing = setupTracing();
const schema = buildTestSchema();

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));

async function run(
  source: string,
  variableValues?: Record<string, unknown>,
): Promise<{ result: unknown; execute: ReadableSpan | undefined }> {
  const result = await graphql().graphql({ schema, source, variableValues });
  const execute = tracing.exporter
    .getFinishedSpans()
    .find((span) => span.attributes['graphql.operation.type'] !== undefined);
  return { result, execute };
}

describe('TracegateGraphqlInstrumentation', () => {
  beforeEach(() => tracing.reset());
  afterEach(() => tracing.instrumentation.setConfig({}));

  it('never records raw variables', async () => {
    tracing.instrumentation.setConfig({ allowValues: true });
    const { execute } = await run(
      'mutation ($p: String!) { login(user: "u", password: $p) { token } }',
      { p: 'hunter2' },
    );
    assert.equal(execute?.attributes['graphql.variables.p'], undefined);
    assert.equal(
      execute?.attributes['tracegate.graphql.variables'],
      '{"p":"[REDACTED:password]"}',
    );
  });

  it('runs the user response hook once', async () => {
    const seen: unknown[] = [];
    tracing.instrumentation.setConfig({
      responseHook: (_span: Span, data: unknown) => seen.push(data),
    });
    tracing.instrumentation.setConfig(tracing.instrumentation.getConfig());
    const { result } = await run('{ hello }');
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0], result);
  });

  it('survives a throwing user hook', async () => {
    tracing.instrumentation.setConfig({
      responseHook: () => {
        throw new Error('hook failed');
      },
    });
    const { result, execute } = await run('{ boom }');
    assert.equal(JSON.stringify(result).includes('"data":{"boom":null}'), true);
    assert.equal(execute?.status.code, SpanStatusCode.ERROR);
    assert.equal(execute?.ended, true);
  });

  it('limits recorded errors', async () => {
    tracing.instrumentation.setConfig({ capture: { maxRecordedErrors: 1 } });
    const { execute } = await run('{ a: boom b: boom c: boom }');
    const events = execute?.events.filter(
      (entry) => entry.name === 'exception',
    );
    assert.equal(events?.length, 1);
    assert.equal(execute?.attributes['tracegate.graphql.errors'], 3);
  });

  it('limits slow fields', async () => {
    tracing.instrumentation.setConfig({ capture: { slowFields: 2 } });
    const { execute } = await run(
      '{ a: slow(ms: 40) b: hello c: slow(ms: 20) }',
    );
    const paths = execute?.events
      .filter((entry) => entry.name === 'tracegate.graphql.slow_field')
      .map((entry) => entry.attributes?.['graphql.field.path']);
    assert.deepEqual(paths, ['a', 'c']);
  });

  it('turns capture parts off', async () => {
    tracing.instrumentation.setConfig({
      capture: {
        document: false,
        variables: false,
        slowFields: 0,
        codeLocations: false,
      },
    });
    const { execute } = await run(
      'query ($n: String) { hello(name: $n) boom }',
      { n: 'x' },
    );
    assert.equal(execute?.attributes['graphql.document'], undefined);
    assert.equal(execute?.attributes['tracegate.graphql.variables'], undefined);
    const event = execute?.events.find((entry) => entry.name === 'exception');
    assert.equal(event?.attributes?.['code.function.name'], undefined);
    assert.equal(
      execute?.events.some(
        (entry) => entry.name === 'tracegate.graphql.slow_field',
      ),
      false,
    );
  });

  it('passes argument errors through', () => {
    assert.throws(
      () => graphql().execute({ schema, document: undefined as never }),
      { message: 'Must provide document.' },
    );
  });

  it('tolerates malformed variables', async () => {
    const source = 'query ($n: String) { hello(name: $n) }';
    const variables = ['not', 'an', 'object'] as never;
    const traced = await run(source, variables);
    tracing.instrumentation.disable();
    const plain = await run(source, variables).finally(() =>
      tracing.instrumentation.enable(),
    );
    assert.equal(JSON.stringify(traced.result), JSON.stringify(plain.result));
    assert.ok(traced.execute);
  });

  it('restores graphql when disabled', async () => {
    tracing.instrumentation.disable();
    try {
      const execute = graphql().execute as { __wrapped?: boolean };
      assert.equal(execute.__wrapped, undefined);
      const { result, execute: span } = await run('{ hello }');
      assert.equal(JSON.stringify(result), '{"data":{"hello":"hello world"}}');
      assert.equal(span, undefined);
    } finally {
      tracing.instrumentation.enable();
    }
    const { execute } = await run('{ hello }');
    assert.ok(execute);
  });

  it('tracks schemas built before enabling', async () => {
    tracing.instrumentation.disable();
    const early = buildTestSchema();
    tracing.instrumentation.enable();
    await graphql().graphql({ schema: early, source: 'query Early { boom }' });
    const execute = tracing.exporter
      .getFinishedSpans()
      .find((span) => span.name === 'query Early');
    const event = execute?.events.find((entry) => entry.name === 'exception');
    assert.equal(event?.attributes?.['code.function.name'], 'resolveBoom');
  });

  it('leaves no unhandled rejection', async () => {
    await run('{ asyncBoom }');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(unhandled, []);
  });
});
