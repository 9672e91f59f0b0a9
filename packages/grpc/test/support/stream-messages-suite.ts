import type * as GrpcJs from '@grpc/grpc-js';
import { SpanKind } from '@opentelemetry/api';
import type { RequestView } from '@tracegate/blocking';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { EchoMethod } from './blocking-calls';
import { ECHO_METHODS } from './blocking-calls';
import { requestMetadata } from './call-kinds-suite';
import type { EchoHarness } from './echo-service';
import { protoLoaderApi, spanName, startEcho } from './echo-service';
import { HandlerLog, observedEchoHandlers } from './observed-echo';
import type { TestEngine } from './test-engine';
import { ALLOW, blockDecision, later, monitorDecision } from './test-engine';
import type { TestTracing } from './tracing';

const STATUS_DENIED = 7;
const STATUS_RESOURCE_EXHAUSTED = 8;
const MESSAGE_NUMBER = 'tracegate.blocking.message_number';

function textOf(view: RequestView): string | undefined {
  return (view.body as { text?: string } | undefined)?.text;
}

function decisionEvents(span: {
  events: ReadonlyArray<{ name: string; attributes?: Record<string, unknown> }>;
}) {
  return span.events.filter(
    (event) => event.name === 'tracegate.blocking.decision',
  );
}

/**
 * Runs the body stage on every message of client-streaming and
 * bidirectional calls, with a real grpc-js server and client on 127.0.0.1.
 */
export function describeStreamMessages(
  label: string,
  tracing: TestTracing,
  engine: TestEngine,
  grpc: () => typeof GrpcJs,
): void {
  describe(label, () => {
    let harness: EchoHarness;
    const log = new HandlerLog();

    before(async () => {
      const handlers = observedEchoHandlers(grpc(), log);
      harness = await startEcho(grpc(), protoLoaderApi(grpc()), handlers);
    });
    after(() => harness.close());
    beforeEach(() => {
      tracing.reset();
      engine.reset();
      log.reset();
    });

    const serverSpan = (method: EchoMethod) =>
      tracing.nextSpan(SpanKind.SERVER, spanName(method.name));

    for (const method of ECHO_METHODS.filter((item) => item.requestStream)) {
      const { name } = method;
      const call = (texts: string[]) =>
        method.call(harness.client, texts, requestMetadata(grpc()));

      it(`${name} third message blocked`, async () => {
        engine.wantsBody = true;
        engine.decide = (view) =>
          textOf(view) === 'attack' ? blockDecision('body') : ALLOW;
        const outcome = await call(['one', 'two', 'attack', 'four']);
        assert.equal(outcome.statusCode, STATUS_DENIED);
        assert.equal(outcome.statusDetails, 'test block');
        assert.deepEqual(
          (log.received.get(name) ?? []).map((message) => plainText(message)),
          ['one', 'two'],
        );
        assert.deepEqual(
          engine.views.map((view) => textOf(view) ?? view.stage),
          ['headers', 'one', 'two', 'attack'],
        );
        const span = await serverSpan(method);
        assert.equal(span.attributes['tracegate.blocking.decision'], 'block');
        assert.equal(span.attributes['tracegate.blocking.stage'], 'body');
        assert.equal(span.attributes[MESSAGE_NUMBER], 3);
        assert.equal(span.attributes['rpc.grpc.status_code'], STATUS_DENIED);
        // Capture records the blocked message, so the trace shows it.
        assert.equal(span.attributes['tracegate.rpc.request.messages'], 3);
        const events = decisionEvents(span);
        assert.equal(events.length, 1);
        assert.equal(events[0].attributes?.[MESSAGE_NUMBER], 3);
      });

      it(`${name} async block of a later message`, async () => {
        engine.wantsBody = true;
        engine.decide = (view) =>
          later(textOf(view) === 'attack' ? blockDecision('body') : ALLOW);
        const outcome = await call(['one', 'two', 'attack', 'four']);
        assert.equal(outcome.statusCode, STATUS_DENIED);
        assert.deepEqual(
          (log.received.get(name) ?? []).map((message) => plainText(message)),
          ['one', 'two'],
        );
        const span = await serverSpan(method);
        assert.equal(span.attributes[MESSAGE_NUMBER], 3);
      });

      it(`${name} later message over size limit`, async () => {
        tracing.tracegate.setConfig({
          blocking: engine,
          blockingMaxBodyBytes: 40,
          blockingOnLimit: 'block',
        });
        try {
          engine.wantsBody = true;
          const outcome = await call(['one', 'two', 'x'.repeat(100), 'four']);
          assert.equal(outcome.statusCode, STATUS_RESOURCE_EXHAUSTED);
          assert.deepEqual(
            (log.received.get(name) ?? []).map((message) => plainText(message)),
            ['one', 'two'],
          );
          // The message over the limit reaches no filter.
          assert.deepEqual(engine.stages(), ['headers', 'body', 'body']);
          const span = await serverSpan(method);
          assert.equal(
            span.attributes['tracegate.blocking.filter'],
            'tracegate.body_stage',
          );
          assert.equal(
            span.attributes['tracegate.blocking.rule'],
            'size_limit',
          );
          assert.equal(span.attributes[MESSAGE_NUMBER], 3);
        } finally {
          tracing.tracegate.setConfig({ blocking: engine });
        }
      });

      it(`${name} monitor on a later message`, async () => {
        engine.wantsBody = true;
        engine.decide = (view) =>
          textOf(view) === 'odd' ? monitorDecision('body') : ALLOW;
        const outcome = await call(['one', 'odd', 'three']);
        assert.equal(outcome.statusCode, 0);
        assert.deepEqual(
          (log.received.get(name) ?? []).map((message) => plainText(message)),
          ['one', 'odd', 'three'],
        );
        const span = await serverSpan(method);
        assert.equal(span.attributes['tracegate.blocking.decision'], 'monitor');
        assert.equal(span.attributes[MESSAGE_NUMBER], 2);
      });

      it(`${name} clean stream of 1000 messages`, async () => {
        const texts = Array.from({ length: 1000 }, (_, index) => `m${index}`);
        tracing.tracegate.setConfig({});
        let without;
        try {
          without = await call(texts);
          await serverSpan(method);
        } finally {
          tracing.tracegate.setConfig({ blocking: engine });
        }
        const receivedWithout = log.received.get(name);
        log.reset();
        tracing.reset();
        engine.wantsBody = true;
        const outcome = await call(texts);
        assert.deepEqual(outcome, without);
        assert.deepEqual(log.received.get(name), receivedWithout);
        assert.equal(receivedWithout?.length, 1000);
        assert.equal(engine.views.length, 1001);
        assert.deepEqual(
          engine.views.slice(1).map((view) => textOf(view)),
          texts,
        );
        const span = await serverSpan(method);
        assert.equal(span.attributes['tracegate.blocking.decision'], undefined);
      });

      it(`${name} without body filters skips messages`, async () => {
        engine.decide = (view) =>
          textOf(view) === 'attack' ? blockDecision('body') : ALLOW;
        const outcome = await call(['one', 'attack']);
        assert.equal(outcome.statusCode, 0);
        assert.deepEqual(engine.stages(), ['headers']);
        assert.equal(log.received.get(name)?.length, 2);
        await serverSpan(method);
      });
    }
  });
}

function plainText(message: unknown): string | undefined {
  return (message as { text?: string }).text;
}
