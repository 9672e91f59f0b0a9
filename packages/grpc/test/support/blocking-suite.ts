import type * as GrpcJs from '@grpc/grpc-js';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { EchoMethod } from './blocking-calls';
import { ECHO_METHODS, openCall } from './blocking-calls';
import { requestMetadata } from './call-kinds-suite';
import type { EchoHarness } from './echo-service';
import { protoLoaderApi, spanName, startEcho } from './echo-service';
import { HandlerLog, observedEchoHandlers } from './observed-echo';
import type { TestEngine } from './test-engine';
import {
  ALLOW,
  blockDecision,
  later,
  monitorDecision,
  PendingDecision,
  waitFor,
} from './test-engine';
import type { TestTracing } from './tracing';

const STATUS = { OK: 0, CANCELLED: 1, UNAUTHENTICATED: 16, DENIED: 7 };

/** The audit attributes that a decision leaves on the server span. */
export interface ExpectedAudit {
  decision: 'block' | 'monitor';
  stage: 'headers' | 'body';
  filter: string;
  reason: string;
  /** The verdict's rule; the audit trail falls back to the filter's name. */
  rule?: string;
}

/** Asserts the audit attributes and the one decision event of a span. */
export function assertAudit(span: ReadableSpan, expected: ExpectedAudit) {
  const names = {
    decision: 'tracegate.blocking.decision',
    stage: 'tracegate.blocking.stage',
    filter: 'tracegate.blocking.filter',
    reason: 'tracegate.blocking.reason',
    rule: 'tracegate.blocking.rule',
  } as const;
  const events = span.events.filter(
    (event) => event.name === 'tracegate.blocking.decision',
  );
  assert.equal(events.length, 1, 'one decision event');
  for (const [key, name] of Object.entries(names)) {
    const value =
      key === 'rule'
        ? (expected.rule ?? expected.filter)
        : expected[key as keyof ExpectedAudit];
    assert.equal(span.attributes[name], value, `attribute ${name}`);
    assert.equal(events[0].attributes?.[name], value, `event ${name}`);
  }
}

/** Returns the audit that the test engine's `blockDecision(stage)` leaves. */
export function testBlockAudit(stage: 'headers' | 'body'): ExpectedAudit {
  return {
    decision: 'block',
    stage,
    filter: 'test-filter',
    rule: 'test-rule',
    reason: 'test block',
  };
}

/**
 * Returns the stages the engine runs for an allowed call: the headers
 * stage, then the body stage once for the request, or once per message of
 * a request stream.
 */
function expectedStages(method: EchoMethod, texts: string[]): string[] {
  const bodies = method.requestStream ? texts.length : 1;
  return ['headers', ...Array.from({ length: bodies }, () => 'body')];
}

/** Asserts that a span carries no blocking decision. */
export function assertNoAudit(span: ReadableSpan) {
  assert.equal(span.attributes['tracegate.blocking.decision'], undefined);
  const events = span.events.filter(
    (event) => event.name === 'tracegate.blocking.decision',
  );
  assert.equal(events.length, 0);
}

/**
 * Runs blocking at both stages against each of the four call kinds, with a
 * real grpc-js server and client on 127.0.0.1.
 */
export function describeBlocking(
  label: string,
  tracing: TestTracing,
  engine: TestEngine,
  grpc: () => typeof GrpcJs,
): void {
  describe(label, () => {
    let harness: EchoHarness;
    const log = new HandlerLog();
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);

    before(async () => {
      process.on('unhandledRejection', onRejection);
      const handlers = observedEchoHandlers(grpc(), log);
      harness = await startEcho(grpc(), protoLoaderApi(grpc()), handlers);
    });
    after(async () => {
      process.off('unhandledRejection', onRejection);
      await harness.close();
    });
    beforeEach(() => {
      tracing.reset();
      engine.reset();
      log.reset();
    });
    afterEach(() => assert.deepEqual(rejections, []));

    const serverSpan = (method: EchoMethod) =>
      tracing.nextSpan(SpanKind.SERVER, spanName(method.name));

    /** Runs a call with blocking off and returns what client and handler saw. */
    async function unblockedRun(method: EchoMethod, texts: string[]) {
      tracing.tracegate.setConfig({});
      try {
        const outcome = await method.call(
          harness.client,
          texts,
          requestMetadata(grpc()),
        );
        await serverSpan(method);
        return { outcome, received: log.received.get(method.name) };
      } finally {
        tracing.tracegate.setConfig({ blocking: engine });
        tracing.reset();
        log.reset();
      }
    }

    for (const method of ECHO_METHODS) {
      const { name } = method;
      const call = (texts: string[]) =>
        method.call(harness.client, texts, requestMetadata(grpc()));

      it(`${name} blocked at headers stage`, async () => {
        engine.decide = (view) =>
          view.stage === 'headers' ? blockDecision('headers') : ALLOW;
        const outcome = await call(['hello', 'more']);
        assert.equal(outcome.statusCode, STATUS.DENIED);
        assert.equal(outcome.statusDetails, 'test block');
        assert.deepEqual(outcome.responses, []);
        assert.equal(log.ran(name), false);
        assert.deepEqual(engine.stages(), ['headers']);
        const span = await serverSpan(method);
        assertAudit(span, testBlockAudit('headers'));
        assert.equal(span.attributes['rpc.grpc.status_code'], STATUS.DENIED);
      });

      it(`${name} blocked at body stage`, async () => {
        engine.wantsBody = true;
        engine.decide = (view) =>
          view.stage === 'body' &&
          (view.body as { text?: string } | undefined)?.text === 'evil'
            ? blockDecision('body')
            : ALLOW;
        const outcome = await call(['evil', 'fine']);
        assert.equal(outcome.statusCode, STATUS.DENIED);
        assert.deepEqual(outcome.responses, []);
        assert.equal(log.ran(name), false);
        assert.deepEqual(engine.stages(), ['headers', 'body']);
        const body = engine.views[1];
        const parsed = JSON.parse(body.bodyText ?? '') as { text?: string };
        assert.equal(parsed.text, 'evil');
        assertAudit(await serverSpan(method), testBlockAudit('body'));
      });

      it(`${name} custom status and trailers`, async () => {
        engine.decide = () =>
          blockDecision('headers', {
            grpcStatus: STATUS.UNAUTHENTICATED,
            body: 'sign in first',
            reason: 'no session',
            headers: {
              'X-Block-Id': 'b-1',
              'grpc-status': '0',
              'content-type': 'text/html',
              'x-raw-bin': 'zz',
            },
          });
        const outcome = await call(['hello']);
        assert.equal(outcome.statusCode, STATUS.UNAUTHENTICATED);
        assert.equal(outcome.statusDetails, 'sign in first');
        assert.deepEqual(outcome.trailers['x-block-id'], ['b-1']);
        assert.equal(outcome.trailers['x-raw-bin'], undefined);
        // grpc-js sends its own content-type, never the verdict's.
        assert.doesNotMatch(JSON.stringify(outcome.trailers), /text\/html/);
        assert.equal(log.ran(name), false);
        const span = await serverSpan(method);
        assert.equal(
          span.attributes['tracegate.blocking.reason'],
          'no session',
        );
        assert.equal(
          span.attributes['rpc.grpc.status_code'],
          STATUS.UNAUTHENTICATED,
        );
      });

      it(`${name} allowed call unchanged`, async () => {
        const texts = ['first', 'second', 'third'];
        const unblocked = await unblockedRun(method, texts);
        engine.wantsBody = true;
        const outcome = await call(texts);
        assert.equal(outcome.statusCode, STATUS.OK);
        assert.deepEqual(outcome, unblocked.outcome);
        assert.deepEqual(log.received.get(name), unblocked.received);
        assert.deepEqual(engine.stages(), expectedStages(method, texts));
        assertNoAudit(await serverSpan(method));
      });

      it(`${name} async engine allows`, async () => {
        const texts = ['one', 'two'];
        const unblocked = await unblockedRun(method, texts);
        engine.wantsBody = true;
        engine.decide = () => later(ALLOW);
        const outcome = await call(texts);
        assert.deepEqual(outcome, unblocked.outcome);
        assert.deepEqual(log.received.get(name), unblocked.received);
        assert.deepEqual(engine.stages(), expectedStages(method, texts));
        const span = await serverSpan(method);
        assertNoAudit(span);
        assert.equal(span.attributes['rpc.grpc.status_code'], STATUS.OK);
      });

      it(`${name} async engine blocks`, async () => {
        engine.wantsBody = true;
        engine.decide = (view) =>
          later(view.stage === 'body' ? blockDecision('body') : ALLOW);
        const outcome = await call(['evil']);
        assert.equal(outcome.statusCode, STATUS.DENIED);
        assert.equal(log.ran(name), false);
        assertAudit(await serverSpan(method), testBlockAudit('body'));
      });

      it(`${name} monitor decision proceeds`, async () => {
        const texts = ['watched', 'too'];
        const unblocked = await unblockedRun(method, texts);
        engine.decide = (view) => monitorDecision(view.stage);
        const outcome = await call(texts);
        assert.deepEqual(outcome, unblocked.outcome);
        assert.equal(log.ran(name), true);
        assertAudit(await serverSpan(method), {
          decision: 'monitor',
          stage: 'headers',
          filter: 'test-monitor',
          reason: 'test match',
        });
      });

      it(`${name} cancelled while decision pending`, async () => {
        const pending = new PendingDecision();
        engine.decide = () => pending.promise;
        const open = openCall(harness.client, name, requestMetadata(grpc()));
        await waitFor(() => engine.views.length === 1, 'the headers stage');
        open.cancel();
        assert.equal(await open.status, STATUS.CANCELLED);
        // Capture ends the server span once grpc-js reports the cancellation.
        const span = await serverSpan(method);
        assert.equal(span.attributes['tracegate.rpc.cancelled'], true);
        pending.resolve(ALLOW);
        await later(undefined, 30);
        assert.equal(log.ran(name), false);
        assertNoAudit(span);
      });
    }
  });
}
