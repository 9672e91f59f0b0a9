import { SpanKind } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { openCall } from './support/blocking-calls';
import { assertAudit, assertNoAudit } from './support/blocking-suite';
import { requestMetadata } from './support/call-kinds-suite';
import { callBidi, callServerStream, callUnary } from './support/echo-calls';
import { spanName } from './support/echo-service';
import { loadGrpc } from './support/grpc';
import { HandlerLog, serveObservedEcho } from './support/observed-echo';
import {
  ALLOW,
  blockDecision,
  later,
  PendingDecision,
  TestEngine,
  waitFor,
} from './support/test-engine';
import { setupTracing } from './support/tracing';

const engine = new TestEngine();
const tracing = setupTracing({ blocking: engine });
const STATUS = { OK: 0, CANCELLED: 1, UNKNOWN: 2, DENIED: 7 };

describe('blocking engine failures', () => {
  const grpc = loadGrpc('newest');
  const log = new HandlerLog();
  const problems: unknown[] = [];
  const onProblem = (reason: unknown) => problems.push(reason);

  before(() => {
    process.on('unhandledRejection', onProblem);
    process.on('uncaughtException', onProblem);
  });
  after(() => {
    process.off('unhandledRejection', onProblem);
    process.off('uncaughtException', onProblem);
  });
  const harness = serveObservedEcho(grpc, log);
  beforeEach(() => {
    engine.reset();
    log.reset();
    tracing.reset();
    tracing.tracegate.setConfig({ blocking: engine });
  });
  afterEach(() => assert.deepEqual(problems, []));

  const serverSpan = (method: string) =>
    tracing.nextSpan(SpanKind.SERVER, spanName(method));
  const unary = (text: string) =>
    callUnary(harness().client, { text }, requestMetadata(grpc));

  const engineFailure = (stage: 'headers' | 'body', failure: string) => ({
    decision: 'monitor' as const,
    stage,
    filter: 'blocking-engine',
    reason:
      failure === 'threw'
        ? 'the blocking engine failed; the call went on'
        : 'the blocking engine returned no valid decision; the call went on',
  });

  it('engine that throws fails open', async () => {
    engine.decide = () => {
      throw new Error('engine failure');
    };
    const outcome = await unary('go');
    assert.equal(outcome.statusCode, STATUS.OK);
    assert.equal(log.ran('Unary'), true);
    const span = await serverSpan('Unary');
    assertAudit(span, engineFailure('headers', 'threw'));
    assert.equal(span.attributes['tracegate.blocking.failure'], 'threw');
  });

  it('engine that rejects fails open', async () => {
    engine.wantsBody = true;
    engine.decide = (view) =>
      view.stage === 'body'
        ? later(undefined).then(() => Promise.reject(new Error('rejected')))
        : ALLOW;
    const outcome = await callBidi(
      harness().client,
      [{ text: 'a' }, { text: 'b' }],
      requestMetadata(grpc),
    );
    assert.equal(outcome.statusCode, STATUS.OK);
    assert.equal(outcome.responses.length, 2);
    const span = await serverSpan('Bidi');
    const expected = engineFailure('body', 'threw');
    assert.equal(span.attributes['tracegate.blocking.decision'], 'monitor');
    assert.equal(span.attributes['tracegate.blocking.filter'], expected.filter);
    assert.equal(span.attributes['tracegate.blocking.failure'], 'threw');
    // The body stage ran, and failed open, once per stream message.
    const numbers = span.events
      .filter((event) => event.name === 'tracegate.blocking.decision')
      .map((event) => event.attributes?.['tracegate.blocking.message_number']);
    assert.deepEqual(numbers, [1, 2]);
  });

  for (const garbage of [undefined, 'block', { outcome: 'maybe' }, 42]) {
    it(`engine returning ${JSON.stringify(garbage)} fails open`, async () => {
      engine.decide = () => garbage;
      const outcome = await unary('go');
      assert.equal(outcome.statusCode, STATUS.OK);
      const span = await serverSpan('Unary');
      assertAudit(span, engineFailure('headers', 'invalid'));
      assert.equal(span.attributes['tracegate.blocking.failure'], 'invalid');
    });
  }

  it('hostile then getter fails open', async () => {
    engine.decide = () =>
      Object.defineProperty({}, 'then', {
        get() {
          throw new Error('then getter failure');
        },
      });
    const outcome = await unary('go');
    assert.equal(outcome.statusCode, STATUS.OK);
    assertAudit(await serverSpan('Unary'), engineFailure('headers', 'threw'));
  });

  it('block without verdict fields fails open', async () => {
    engine.decide = () => ({ outcome: 'block', stage: 'headers' });
    const outcome = await unary('go');
    assert.equal(outcome.statusCode, STATUS.OK);
    assert.equal(log.ran('Unary'), true);
    assertAudit(await serverSpan('Unary'), engineFailure('headers', 'invalid'));
  });

  it('wantsBody getter that throws', async () => {
    const broken = Object.create(engine, {
      wantsBody: {
        get() {
          throw new Error('getter failure');
        },
      },
    }) as TestEngine;
    tracing.tracegate.setConfig({ blocking: broken });
    const outcome = await unary('go');
    assert.equal(outcome.statusCode, STATUS.OK);
    assert.equal(log.ran('Unary'), true);
  });

  it('block after client cancelled', async () => {
    const pending = new PendingDecision();
    engine.decide = () => pending.promise;
    const open = openCall(harness().client, 'Bidi', requestMetadata(grpc));
    await waitFor(() => engine.views.length === 1, 'the headers stage');
    open.cancel();
    assert.equal(await open.status, STATUS.CANCELLED);
    const span = await serverSpan('Bidi');
    pending.resolve(blockDecision('headers'));
    await later(undefined, 30);
    assert.equal(log.ran('Bidi'), false);
    assertNoAudit(span);
  });

  it('rejection after client cancelled', async () => {
    const pending = new PendingDecision();
    engine.decide = () => pending.promise;
    const open = openCall(harness().client, 'Unary', requestMetadata(grpc));
    await waitFor(() => engine.views.length === 1, 'the headers stage');
    open.cancel();
    assert.equal(await open.status, STATUS.CANCELLED);
    await serverSpan('Unary');
    pending.reject(new Error('late failure'));
    await later(undefined, 30);
    assert.equal(log.ran('Unary'), false);
  });

  it('deferred handler exception', async () => {
    engine.decide = () => later(ALLOW);
    const outcome = await unary('throw');
    assert.equal(outcome.statusCode, STATUS.UNKNOWN);
    assert.equal(outcome.statusDetails, 'Unknown error');
    assert.equal(log.ran('Unary'), true);
    const span = await serverSpan('Unary');
    const exception = span.events.find((event) => event.name === 'exception');
    assert.equal(
      exception?.attributes?.['exception.message'],
      'handler failure',
    );
    assert.equal(span.attributes['rpc.grpc.status_code'], STATUS.UNKNOWN);
  });

  for (const grpcStatus of [0, 17, 2.5, -1]) {
    it(`invalid grpcStatus ${grpcStatus} becomes 7`, async () => {
      engine.decide = () => blockDecision('headers', { grpcStatus });
      const outcome = await unary('go');
      assert.equal(outcome.statusCode, STATUS.DENIED);
      assert.equal(log.ran('Unary'), false);
    });
  }

  it('object body becomes JSON details', async () => {
    engine.decide = () =>
      blockDecision('headers', { body: { error: 'blocked', id: 7 } });
    const outcome = await callServerStream(
      harness().client,
      { text: 'go', count: 2 },
      requestMetadata(grpc),
    );
    assert.equal(outcome.statusCode, STATUS.DENIED);
    assert.equal(outcome.statusDetails, '{"error":"blocked","id":7}');
    assert.deepEqual(outcome.responses, []);
  });

  it('long details cut to 1 KiB', async () => {
    engine.decide = () => blockDecision('headers', { body: 'é'.repeat(2000) });
    const outcome = await unary('go');
    assert.equal(outcome.statusCode, STATUS.DENIED);
    assert.equal(outcome.statusDetails, 'é'.repeat(512));
  });

  it('default details without body or reason', async () => {
    engine.decide = () => ({
      ...blockDecision('headers'),
      verdict: { action: 'block' },
    });
    const outcome = await unary('go');
    assert.equal(outcome.statusCode, STATUS.DENIED);
    assert.equal(outcome.statusDetails, 'request blocked');
  });

  it('config without engine ignored', async () => {
    tracing.tracegate.setConfig({ blocking: { wantsBody: true } as never });
    const outcome = await unary('go');
    assert.equal(outcome.statusCode, STATUS.OK);
    assert.equal(log.ran('Unary'), true);
  });

  it('disabled instrumentation does not block', async () => {
    engine.decide = () => blockDecision('headers');
    tracing.tracegate.disable();
    try {
      const outcome = await unary('go');
      assert.equal(outcome.statusCode, STATUS.OK);
      assert.equal(engine.views.length, 0);
    } finally {
      tracing.tracegate.enable();
    }
    const blocked = await unary('go');
    assert.equal(blocked.statusCode, STATUS.DENIED);
  });
});
