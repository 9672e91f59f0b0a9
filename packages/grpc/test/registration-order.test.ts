import { SpanKind } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  json,
  messageEvents,
  requestMetadata,
} from './support/call-kinds-suite';
import { callBidi, callUnary } from './support/echo-calls';
import type { EchoHarness } from './support/echo-service';
import { protoLoaderApi, spanName, startEcho } from './support/echo-service';
import { loadGrpc } from './support/grpc';
import { setupTracing } from './support/tracing';

// instrumentation-grpc registered first: capture must work in either order.
const tracing = setupTracing({ upstreamFirst: true });

describe('instrumentation-grpc registered first', () => {
  let harness: EchoHarness;
  const grpc = () => loadGrpc('newest');

  before(async () => {
    harness = await startEcho(grpc(), protoLoaderApi(grpc()));
  });
  after(() => harness.close());

  it('unary call', async () => {
    tracing.reset();
    await callUnary(harness.client, { text: 'order' }, requestMetadata(grpc()));
    for (const kind of [SpanKind.SERVER, SpanKind.CLIENT]) {
      const span = await tracing.nextSpan(kind, spanName('Unary'));
      assert.equal(json(span.attributes['rpc.request.body']).text, 'order');
      assert.equal(
        json(span.attributes['rpc.response.body']).text,
        'echo: order',
      );
    }
  });

  it('bidirectional call', async () => {
    tracing.reset();
    await callBidi(
      harness.client,
      [{ text: 'x' }, { text: 'y' }],
      requestMetadata(grpc()),
    );
    const server = await tracing.nextSpan(SpanKind.SERVER, spanName('Bidi'));
    assert.equal(messageEvents(server, 'RECEIVED').length, 2);
    assert.equal(messageEvents(server, 'SENT').length, 2);
    const client = await tracing.nextSpan(SpanKind.CLIENT, spanName('Bidi'));
    assert.equal(messageEvents(client, 'SENT').length, 2);
    assert.equal(messageEvents(client, 'RECEIVED').length, 2);
  });
});
