import type * as GrpcJs from '@grpc/grpc-js';
import { SpanKind } from '@opentelemetry/api';
import type { Filter, RequestView } from '@tracegate/blocking';
import { createBlockingEngine } from '@tracegate/blocking';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { assertAudit } from './support/blocking-suite';
import { requestMetadata } from './support/call-kinds-suite';
import { callBidi, callUnary } from './support/echo-calls';
import { spanName } from './support/echo-service';
import { grpcVersion, loadGrpc } from './support/grpc';
import { HandlerLog, serveObservedEcho } from './support/observed-echo';
import { later } from './support/test-engine';
import { setupTracing } from './support/tracing';

const tracing = setupTracing();
const STATUS = { OK: 0, DENIED: 7, UNAUTHENTICATED: 16 };

/** Blocks calls whose `x-client` metadata is `bad`, synchronously. */
function clientHeaderFilter(view: RequestView) {
  if (view.headers['x-client'] !== 'bad') return undefined;
  return {
    action: 'block' as const,
    reason: 'bad client',
    rule: 'x-client',
    grpcStatus: STATUS.UNAUTHENTICATED,
  };
}

/** Blocks request messages that contain SQL, after an asynchronous check. */
const sqlBodyFilter: Filter = {
  name: 'sql-body',
  stages: ['body'],
  async check(view) {
    await later(undefined, 2);
    if (!(view.bodyText ?? '').includes('DROP TABLE')) return undefined;
    return { action: 'block', reason: 'sql in message' };
  },
};

function metadataWith(grpc: typeof GrpcJs, entries: Record<string, string>) {
  const metadata = requestMetadata(grpc);
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
  return metadata;
}

for (const line of ['newest', 'oldest'] as const) {
  describe(`createBlockingEngine on grpc-js ${grpcVersion(line)}`, () => {
    const grpc = loadGrpc(line);
    const log = new HandlerLog();
    const harness = serveObservedEcho(grpc, log);
    const serverSpan = (method: string) =>
      tracing.nextSpan(SpanKind.SERVER, spanName(method));

    beforeEach(() => {
      log.reset();
      tracing.reset();
      tracing.tracegate.setConfig({
        blocking: createBlockingEngine({
          filters: [clientHeaderFilter, sqlBodyFilter],
        }),
      });
    });

    it('headers filter blocks', async () => {
      const outcome = await callUnary(
        harness().client,
        { text: 'hi' },
        metadataWith(grpc, { 'x-client': 'bad' }),
      );
      assert.equal(outcome.statusCode, STATUS.UNAUTHENTICATED);
      assert.equal(outcome.statusDetails, 'bad client');
      assert.equal(log.ran('Unary'), false);
      assertAudit(await serverSpan('Unary'), {
        decision: 'block',
        stage: 'headers',
        filter: 'clientHeaderFilter',
        rule: 'x-client',
        reason: 'bad client',
      });
    });

    it('async body filter blocks stream', async () => {
      const outcome = await callBidi(
        harness().client,
        [{ text: "1'; DROP TABLE users; --" }, { text: 'next' }],
        requestMetadata(grpc),
      );
      assert.equal(outcome.statusCode, STATUS.DENIED);
      assert.equal(outcome.statusDetails, 'sql in message');
      assert.equal(log.ran('Bidi'), false);
      assertAudit(await serverSpan('Bidi'), {
        decision: 'block',
        stage: 'body',
        filter: 'sql-body',
        reason: 'sql in message',
      });
    });

    it('clean calls pass both filters', async () => {
      const unary = await callUnary(
        harness().client,
        { text: 'select me' },
        metadataWith(grpc, { 'x-client': 'good' }),
      );
      assert.equal(unary.statusCode, STATUS.OK);
      assert.deepEqual(unary.responses, [
        { text: 'echo: select me', index: 1, token: 'reply-token-1' },
      ]);
      const bidi = await callBidi(
        harness().client,
        [{ text: 'a' }, { text: 'b' }],
        requestMetadata(grpc),
      );
      assert.equal(bidi.statusCode, STATUS.OK);
      assert.equal(bidi.responses.length, 2);
      assert.deepEqual(log.runs, ['Unary', 'Bidi']);
    });
  });
}

describe('createBlockingEngine options', () => {
  const grpc = loadGrpc('newest');
  const log = new HandlerLog();
  const harness = serveObservedEcho(grpc, log);
  const views: RequestView[] = [];
  const recorder = (view: RequestView) => {
    views.push(view);
  };
  const serverSpan = (method: string) =>
    tracing.nextSpan(SpanKind.SERVER, spanName(method));

  beforeEach(() => {
    log.reset();
    tracing.reset();
    views.length = 0;
  });

  it('trusted proxy and user id', async () => {
    tracing.tracegate.setConfig({
      blocking: createBlockingEngine({
        filters: [recorder],
        trustedProxies: ['loopback'],
        userId: { header: 'x-user' },
      }),
    });
    const outcome = await callUnary(
      harness().client,
      { text: 'hi' },
      metadataWith(grpc, { 'x-forwarded-for': '203.0.113.7', 'x-user': 'u1' }),
    );
    assert.equal(outcome.statusCode, STATUS.OK);
    assert.equal(views[0].clientIp, '203.0.113.7');
    assert.equal(views[0].userId, 'u1');
  });

  it('untrusted peer ignores forwarding', async () => {
    tracing.tracegate.setConfig({
      blocking: createBlockingEngine({ filters: [recorder] }),
    });
    await callUnary(
      harness().client,
      { text: 'hi' },
      metadataWith(grpc, { 'x-forwarded-for': '203.0.113.7' }),
    );
    assert.equal(views[0].clientIp, '127.0.0.1');
  });

  it('monitor mode lets call go on', async () => {
    tracing.tracegate.setConfig({
      blocking: createBlockingEngine({
        filters: [
          { name: 'watch', mode: 'monitor', check: clientHeaderFilter },
        ],
      }),
    });
    const outcome = await callUnary(
      harness().client,
      { text: 'hi' },
      metadataWith(grpc, { 'x-client': 'bad' }),
    );
    assert.equal(outcome.statusCode, STATUS.OK);
    assert.equal(log.ran('Unary'), true);
    assertAudit(await serverSpan('Unary'), {
      decision: 'monitor',
      stage: 'headers',
      filter: 'watch',
      rule: 'x-client',
      reason: 'bad client',
    });
  });

  for (const failClosed of [false, true]) {
    it(`filter timeout with failClosed ${failClosed}`, async () => {
      tracing.tracegate.setConfig({
        blocking: createBlockingEngine({
          filters: [{ name: 'slow', check: () => later(undefined, 500) }],
          timeoutMs: 20,
          failClosed,
        }),
      });
      const outcome = await callUnary(
        harness().client,
        { text: 'hi' },
        requestMetadata(grpc),
      );
      assert.equal(outcome.statusCode, failClosed ? STATUS.DENIED : STATUS.OK);
      assert.equal(log.ran('Unary'), !failClosed);
      const span = await serverSpan('Unary');
      assert.equal(span.attributes['tracegate.blocking.failure'], 'timeout');
      assert.equal(
        span.attributes['tracegate.blocking.decision'],
        failClosed ? 'block' : 'monitor',
      );
    });
  }
});
