import type { Span } from '@opentelemetry/api';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  BasicTracerProvider,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** Service name on the resource of the emitted spans. */
export const SERVICE_NAME = 'receiver-test-service';

/** Instrumentation scope of the emitted spans. */
export const SCOPE = { name: 'receiver-test-scope', version: '1.2.3' };

/** Attributes of the emitted server span, one of each attribute type. */
export const SERVER_ATTRIBUTES = {
  'test.string': 'hello',
  'test.int': 42,
  'test.double': 2.5,
  'test.bool': true,
  'test.string_array': ['a', 'b'],
  'test.int_array': [1, 2, 3],
  'test.bool_array': [true, false],
};

/** Event that the emitted client span records. */
export const CACHE_EVENT = {
  name: 'cache.miss',
  attributes: { 'cache.key': 'orders:7' },
};

/** Error message of the emitted client span, as status message and exception. */
export const ERROR_MESSAGE = 'connection reset';

/** Ids and times of one emitted span, in the form that ReceivedSpan uses. */
export interface EmittedSpan {
  name: string;
  traceId: string;
  spanId: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
}

/** Server span and its client child, as the SDK recorded them. */
export interface EmittedSpans {
  server: EmittedSpan;
  client: EmittedSpan;
}

/**
 * Emits a server span and an erroring client child through a real SDK
 * pipeline with the exporter, then flushes and shuts the pipeline down.
 */
export async function emitTestSpans(
  exporter: SpanExporter,
): Promise<EmittedSpans> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': SERVICE_NAME }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  try {
    const tracer = provider.getTracer(SCOPE.name, SCOPE.version);
    const server = tracer.startSpan('GET /orders', {
      kind: SpanKind.SERVER,
      attributes: SERVER_ATTRIBUTES,
    });
    const client = tracer.startSpan(
      'SELECT orders',
      { kind: SpanKind.CLIENT },
      trace.setSpan(context.active(), server),
    );
    client.addEvent(CACHE_EVENT.name, CACHE_EVENT.attributes);
    client.recordException(new Error(ERROR_MESSAGE));
    client.setStatus({ code: SpanStatusCode.ERROR, message: ERROR_MESSAGE });
    client.end();
    server.end();
    await provider.forceFlush();
    return { server: describeSpan(server), client: describeSpan(client) };
  } finally {
    await provider.shutdown();
  }
}

function describeSpan(span: Span): EmittedSpan {
  // The SDK's spans implement ReadableSpan, which the API type leaves out.
  const readable = span as unknown as ReadableSpan;
  return {
    name: readable.name,
    traceId: readable.spanContext().traceId,
    spanId: readable.spanContext().spanId,
    startTimeUnixNano: hrTimeToNanos(readable.startTime),
    endTimeUnixNano: hrTimeToNanos(readable.endTime),
  };
}

function hrTimeToNanos([seconds, nanos]: [number, number]): string {
  return (BigInt(seconds) * 1_000_000_000n + BigInt(nanos)).toString();
}
