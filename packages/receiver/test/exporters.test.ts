import { OTLPTraceExporter as GrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReceivedSpan, Receiver, Transport } from '../src/index';
import { startReceiver, TRACES_PATH } from '../src/index';
import type { EmittedSpans } from './emit-spans';
import {
  CACHE_EVENT,
  emitTestSpans,
  ERROR_MESSAGE,
  SCOPE,
  SERVER_ATTRIBUTES,
  SERVICE_NAME,
} from './emit-spans';

interface ExporterCase {
  transport: Transport;
  createExporter: (
    receiver: Receiver,
    compression: CompressionAlgorithm,
  ) => SpanExporter;
}

const EXPORTER_CASES: ExporterCase[] = [
  {
    transport: 'http/protobuf',
    createExporter: (receiver, compression) =>
      new ProtoTraceExporter({
        url: `${receiver.httpUrl}${TRACES_PATH}`,
        compression,
      }),
  },
  {
    transport: 'http/json',
    createExporter: (receiver, compression) =>
      new JsonTraceExporter({
        url: `${receiver.httpUrl}${TRACES_PATH}`,
        compression,
      }),
  },
  {
    transport: 'grpc',
    createExporter: (receiver, compression) =>
      new GrpcTraceExporter({ url: receiver.grpcUrl, compression }),
  },
];

function findSpan(spans: ReceivedSpan[], name: string): ReceivedSpan {
  const span = spans.find((candidate) => candidate.name === name);
  assert.ok(span, `no received span is named ${name}`);
  return span;
}

function assertServerSpan(
  spans: ReceivedSpan[],
  emitted: EmittedSpans,
  transport: Transport,
): void {
  const server = findSpan(spans, emitted.server.name);
  assert.equal(server.traceId, emitted.server.traceId);
  assert.equal(server.spanId, emitted.server.spanId);
  assert.equal(server.parentSpanId, '');
  assert.equal(server.kind, 'SERVER');
  assert.equal(server.startTimeUnixNano, emitted.server.startTimeUnixNano);
  assert.equal(server.endTimeUnixNano, emitted.server.endTimeUnixNano);
  assert.deepEqual(server.attributes, SERVER_ATTRIBUTES);
  assert.deepEqual(server.events, []);
  assert.deepEqual(server.status, { code: 'UNSET', message: '' });
  assert.equal(server.resource['service.name'], SERVICE_NAME);
  assert.deepEqual(server.scope, SCOPE);
  assert.equal(server.transport, transport);
}

function assertClientSpan(
  spans: ReceivedSpan[],
  emitted: EmittedSpans,
  transport: Transport,
): void {
  const client = findSpan(spans, emitted.client.name);
  assert.equal(client.traceId, emitted.server.traceId);
  assert.equal(client.spanId, emitted.client.spanId);
  assert.equal(client.parentSpanId, emitted.server.spanId);
  assert.equal(client.kind, 'CLIENT');
  assert.equal(client.startTimeUnixNano, emitted.client.startTimeUnixNano);
  assert.equal(client.endTimeUnixNano, emitted.client.endTimeUnixNano);
  assert.deepEqual(client.status, { code: 'ERROR', message: ERROR_MESSAGE });
  assert.equal(client.events.length, 2);
  assert.equal(client.events[0].name, CACHE_EVENT.name);
  assert.deepEqual(client.events[0].attributes, CACHE_EVENT.attributes);
  assert.equal(client.events[1].name, 'exception');
  assert.equal(client.events[1].attributes['exception.message'], ERROR_MESSAGE);
  assert.equal(client.transport, transport);
}

for (const { transport, createExporter } of EXPORTER_CASES) {
  void describe(`${transport} exporter`, () => {
    for (const compression of [
      CompressionAlgorithm.NONE,
      CompressionAlgorithm.GZIP,
    ]) {
      void it(`decodes spans, compression ${compression}`, async (t) => {
        const receiver = await startReceiver({
          httpPort: 0,
          grpcPort: 0,
          quiet: true,
        });
        t.after(() => receiver.close());

        const emitted = await emitTestSpans(
          createExporter(receiver, compression),
        );
        const spans = await receiver.waitForSpans(() => true, 5000, 2);

        assert.equal(spans.length, 2);
        assertServerSpan(spans, emitted, transport);
        assertClientSpan(spans, emitted, transport);
      });
    }
  });
}
