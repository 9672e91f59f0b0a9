import type * as GrpcJs from '@grpc/grpc-js';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { Redactor } from '@tracegate/redact';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  json,
  messageEvents,
  requestMetadata,
} from './support/call-kinds-suite';
import {
  callClientStream,
  callServerStream,
  callUnary,
} from './support/echo-calls';
import type { EchoHarness } from './support/echo-service';
import { protoLoaderApi, spanName, startEcho } from './support/echo-service';
import { loadGrpc } from './support/grpc';
import { setupTracing } from './support/tracing';

const tracing = setupTracing();
const STATUS = {
  CANCELLED: 1,
  UNKNOWN: 2,
  DEADLINE_EXCEEDED: 4,
  FAILED_PRECONDITION: 9,
};

/** A redactor that fails on every message, as a bug in capture would. */
class FailingRedactor extends Redactor {
  override json(): string {
    throw new Error('redactor failure');
  }
}

describe('failing calls', () => {
  let grpc: typeof GrpcJs;
  let harness: EchoHarness;

  before(async () => {
    grpc = loadGrpc('newest');
    harness = await startEcho(grpc, protoLoaderApi(grpc));
  });
  after(() => harness.close());

  async function spans(method: string) {
    return {
      server: await tracing.nextSpan(SpanKind.SERVER, spanName(method)),
      client: await tracing.nextSpan(SpanKind.CLIENT, spanName(method)),
    };
  }

  it('unary error status', async () => {
    tracing.reset();
    const outcome = await callUnary(
      harness.client,
      { text: 'fail' },
      requestMetadata(grpc),
    );
    assert.equal(outcome.statusCode, STATUS.FAILED_PRECONDITION);
    const { server, client } = await spans('Unary');
    for (const span of [server, client]) {
      assert.equal(
        span.attributes['rpc.grpc.status_code'],
        STATUS.FAILED_PRECONDITION,
      );
      const message = span.attributes['tracegate.rpc.grpc.status_message'];
      assert.equal(message, 'card [REDACTED:credit_card] declined');
      assert.deepEqual(span.attributes['rpc.response.metadata.x-reason'], [
        'declined',
      ]);
      assert.equal(span.attributes['rpc.response.body'], undefined);
      assert.deepEqual(span.attributes['tracegate.sensitive.types'], [
        'authorization',
        'credit_card',
      ]);
    }
    // instrumentation-grpc copies the error message into this attribute.
    assert.equal(
      client.attributes['grpc.error_message'],
      '9 FAILED_PRECONDITION: card [REDACTED:credit_card] declined',
    );
  });

  it('handler exception ends the span', async () => {
    tracing.reset();
    const outcome = await callUnary(
      harness.client,
      { text: 'throw' },
      requestMetadata(grpc),
    );
    assert.equal(outcome.statusCode, STATUS.UNKNOWN);
    const { server } = await spans('Unary');
    const exception = server.events.find((event) => event.name === 'exception');
    assert.equal(
      exception?.attributes?.['exception.message'],
      'handler failure',
    );
    assert.equal(exception?.attributes?.['exception.type'], 'Error');
    assert.equal(server.attributes['rpc.grpc.status_code'], STATUS.UNKNOWN);
    assert.equal(server.status.code, SpanStatusCode.ERROR);
  });

  it('cancelled stream ends the span', async () => {
    tracing.reset();
    const call = (
      harness.client as unknown as Record<
        string,
        (...args: unknown[]) => GrpcJs.ClientReadableStream<unknown>
      >
    ).ServerStream({ text: 'forever' }, requestMetadata(grpc));
    let received = 0;
    call.on('data', () => {
      if (++received === 3) call.cancel();
    });
    call.on('error', () => undefined);
    await new Promise((resolve) => call.on('status', resolve));
    const { server, client } = await spans('ServerStream');
    assert.equal(server.attributes['tracegate.rpc.cancelled'], true);
    assert.equal(server.attributes['rpc.grpc.status_code'], STATUS.CANCELLED);
    assert.equal(server.status.code, SpanStatusCode.ERROR);
    assert.ok(
      (server.attributes['tracegate.rpc.response.messages'] as number) >= 3,
    );
    assert.equal(client.attributes['rpc.grpc.status_code'], STATUS.CANCELLED);
  });

  it('deadline ends the span', async () => {
    tracing.reset();
    const outcome = await callUnary(
      harness.client,
      { text: 'silent' },
      requestMetadata(grpc),
      { deadline: Date.now() + 200 },
    );
    assert.equal(outcome.statusCode, STATUS.DEADLINE_EXCEEDED);
    const { server, client } = await spans('Unary');
    assert.equal(
      server.attributes['rpc.grpc.status_code'],
      STATUS.DEADLINE_EXCEEDED,
    );
    assert.equal(server.attributes['tracegate.rpc.cancelled'], true);
    assert.equal(
      client.attributes['rpc.grpc.status_code'],
      STATUS.DEADLINE_EXCEEDED,
    );
  });

  it('server stream error status', async () => {
    tracing.reset();
    const outcome = await callServerStream(
      harness.client,
      { text: 'fail', count: 1 },
      requestMetadata(grpc),
    );
    assert.equal(outcome.statusCode, STATUS.FAILED_PRECONDITION);
    const { server, client } = await spans('ServerStream');
    for (const [span, type] of [
      [server, 'SENT'],
      [client, 'RECEIVED'],
    ] as const) {
      assert.equal(
        span.attributes['rpc.grpc.status_code'],
        STATUS.FAILED_PRECONDITION,
      );
      assert.deepEqual(span.attributes['rpc.response.metadata.x-reason'], [
        'declined',
      ]);
      assert.equal(messageEvents(span, type).length, 1);
      const upstreamText = JSON.stringify({
        message: span.attributes['grpc.error_message'],
        status: span.status.message,
      });
      assert.ok(!upstreamText.includes('4242 4242'), upstreamText);
    }
  });

  it('client stream error status', async () => {
    tracing.reset();
    const outcome = await callClientStream(
      harness.client,
      [{ text: 'ok' }, { text: 'fail' }],
      requestMetadata(grpc),
    );
    assert.equal(outcome.statusCode, STATUS.FAILED_PRECONDITION);
    const { server, client } = await spans('ClientStream');
    for (const span of [server, client]) {
      assert.equal(
        span.attributes['rpc.grpc.status_code'],
        STATUS.FAILED_PRECONDITION,
      );
    }
    assert.equal(messageEvents(server, 'RECEIVED').length, 2);
    assert.equal(messageEvents(client, 'SENT').length, 2);
  });

  it('capture failure leaves the call intact', async () => {
    tracing.reset();
    tracing.tracegate.setConfig({
      capture: { redactor: new FailingRedactor() },
    });
    try {
      const outcome = await callUnary(
        harness.client,
        { text: 'still works' },
        requestMetadata(grpc),
      );
      assert.equal(outcome.statusCode, 0);
      assert.equal(
        (outcome.responses[0] as { text: string }).text,
        'echo: still works',
      );
      const { server, client } = await spans('Unary');
      for (const span of [server, client]) {
        assert.deepEqual(span.attributes['tracegate.capture.errors'], [
          'request message',
          'response message',
        ]);
        assert.equal(span.attributes['rpc.request.body'], undefined);
        assert.equal(span.attributes['rpc.grpc.status_code'], 0);
      }
    } finally {
      tracing.tracegate.setConfig({});
    }
  });

  it('disabled instrumentation records nothing', async () => {
    tracing.reset();
    tracing.tracegate.disable();
    try {
      await callUnary(harness.client, { text: 'off' }, requestMetadata(grpc));
      const { server, client } = await spans('Unary');
      for (const span of [server, client]) {
        assert.equal(span.attributes['rpc.request.body'], undefined);
      }
    } finally {
      tracing.tracegate.enable();
    }
    await callUnary(harness.client, { text: 'on' }, requestMetadata(grpc));
    const { server, client } = await spans('Unary');
    for (const span of [server, client]) {
      assert.equal(json(span.attributes['rpc.request.body']).text, 'on');
    }
  });
});
