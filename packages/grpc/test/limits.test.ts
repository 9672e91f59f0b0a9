import type * as GrpcJs from '@grpc/grpc-js';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { messageEvents, requestMetadata } from './support/call-kinds-suite';
import { callBidi, callUnary } from './support/echo-calls';
import type { EchoHarness } from './support/echo-service';
import { protoLoaderApi, spanName, startEcho } from './support/echo-service';
import { loadGrpc } from './support/grpc';
import { setupTracing } from './support/tracing';

const LIMITS = {
  maxMessageBytes: 1024,
  maxCallBytes: 4096,
  maxMessageEvents: 8,
};
const tracing = setupTracing({ capture: LIMITS });

// UTF-8 bytes of every message body recorded on a span.
function recordedBodyBytes(span: ReadableSpan): number {
  const texts = [
    span.attributes['rpc.request.body'],
    span.attributes['rpc.response.body'],
    ...span.events.map((event) => event.attributes?.['rpc.message.body']),
  ];
  return texts
    .filter((text): text is string => typeof text === 'string')
    .reduce((total, text) => total + Buffer.byteLength(text), 0);
}

describe('capture limits', () => {
  let grpc: typeof GrpcJs;
  let harness: EchoHarness;

  before(async () => {
    grpc = loadGrpc('newest');
    harness = await startEcho(grpc, protoLoaderApi(grpc));
  });
  after(() => harness.close());

  it('large message is cut', async () => {
    tracing.reset();
    const text = 'x'.repeat(100_000);
    const outcome = await callUnary(
      harness.client,
      { text },
      requestMetadata(grpc),
    );
    assert.equal(
      (outcome.responses[0] as { text: string }).text,
      `echo: ${text}`,
    );
    const server = await tracing.nextSpan(SpanKind.SERVER, spanName('Unary'));
    const body = server.attributes['rpc.request.body'] as string;
    assert.equal(Buffer.byteLength(body), LIMITS.maxMessageBytes);
    assert.ok(body.startsWith('{"text":"xxx'), body.slice(0, 20));
    assert.equal(server.attributes['rpc.request.body.truncated'], true);
    assert.equal(server.attributes['rpc.response.body.truncated'], true);
  });

  it('call budget bounds all bodies', async () => {
    tracing.reset();
    const requests = Array.from({ length: 7 }, (_, index) => ({
      text: String.fromCharCode(97 + index).repeat(900),
    }));
    const outcome = await callBidi(
      harness.client,
      requests,
      requestMetadata(grpc),
    );
    assert.equal(outcome.responses.length, requests.length);
    const server = await tracing.nextSpan(SpanKind.SERVER, spanName('Bidi'));
    assert.ok(recordedBodyBytes(server) <= LIMITS.maxCallBytes);
    const events = server.events.filter(
      (event) => event.name === 'rpc.message',
    );
    assert.equal(events.length, LIMITS.maxMessageEvents);
    const withoutBody = events.filter(
      (event) => event.attributes?.['rpc.message.body'] === undefined,
    );
    assert.ok(withoutBody.length > 0);
    for (const event of withoutBody) {
      assert.equal(event.attributes?.['rpc.message.body.truncated'], true);
    }
    assert.equal(
      server.attributes['tracegate.rpc.message_events.dropped'],
      2 * requests.length - LIMITS.maxMessageEvents,
    );
    assert.equal(server.attributes['tracegate.rpc.request.messages'], 7);
    assert.equal(server.attributes['tracegate.rpc.response.messages'], 7);
  });

  it('endless stream stays bounded', async () => {
    tracing.reset();
    const call = (
      harness.client as unknown as Record<
        string,
        (...args: unknown[]) => GrpcJs.ClientReadableStream<unknown>
      >
    ).ServerStream({ text: 'forever' }, requestMetadata(grpc));
    const target = 300;
    let received = 0;
    call.on('data', () => {
      if (++received === target) call.cancel();
    });
    call.on('error', () => undefined);
    await new Promise((resolve) => call.on('status', resolve));
    const server = await tracing.nextSpan(
      SpanKind.SERVER,
      spanName('ServerStream'),
    );
    const client = await tracing.nextSpan(
      SpanKind.CLIENT,
      spanName('ServerStream'),
    );
    for (const [span, type] of [
      [server, 'SENT'],
      [client, 'RECEIVED'],
    ] as const) {
      const sent = span.attributes['tracegate.rpc.response.messages'] as number;
      assert.ok(sent >= target, `${span.kind}: ${sent}`);
      assert.equal(messageEvents(span, type).length, LIMITS.maxMessageEvents);
      assert.equal(
        span.attributes['tracegate.rpc.message_events.dropped'],
        sent - LIMITS.maxMessageEvents,
      );
      assert.ok(recordedBodyBytes(span) <= LIMITS.maxCallBytes);
      assert.equal(span.attributes['rpc.grpc.status_code'], 1);
    }
  });

  it('metadata values are cut', async () => {
    tracing.reset();
    const metadata = requestMetadata(grpc);
    metadata.set('x-long', 'v'.repeat(5000));
    metadata.set('x-blob-bin', Buffer.alloc(5000, 1));
    await callUnary(harness.client, { text: 'meta' }, metadata);
    const server = await tracing.nextSpan(SpanKind.SERVER, spanName('Unary'));
    const long = server.attributes['rpc.request.metadata.x-long'] as string[];
    assert.equal(long[0], 'v'.repeat(LIMITS.maxMessageBytes));
    const blob = server.attributes[
      'rpc.request.metadata.x-blob-bin'
    ] as string[];
    assert.ok(blob[0].length <= LIMITS.maxMessageBytes, String(blob[0].length));
    assert.equal(
      blob[0],
      Buffer.alloc(5000, 1)
        .subarray(0, (LIMITS.maxMessageBytes / 4) * 3)
        .toString('base64'),
    );
  });
});
