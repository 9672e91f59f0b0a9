import { SpanKind } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { TracegateGraphqlInstrumentation } from '../../src';
import type { TracegateGraphqlInstrumentationConfig } from '../../src';

/** An in-process tracer provider with HTTP and Tracegate GraphQL instrumentation. */
export interface TestTracing {
  exporter: InMemorySpanExporter;
  instrumentation: TracegateGraphqlInstrumentation;
  /** Waits until the HTTP server span of one request has ended and returns every span of its trace. */
  nextTrace(timeoutMs?: number): Promise<TraceSpans>;
  reset(): void;
}

/** The spans of one traced request. */
export interface TraceSpans {
  server: ReadableSpan;
  spans: ReadableSpan[];
  /** The spans with this name, in start order. */
  named(name: string): ReadableSpan[];
  /** The execute spans (upstream names them after the operation), in start order. */
  executes(): ReadableSpan[];
}

/**
 * Registers the instrumentations before graphql or the frameworks are
 * loaded: test files call this first and require them afterwards, as an
 * app preloaded with the agent would.
 */
export function setupTracing(
  config: TracegateGraphqlInstrumentationConfig = {},
): TestTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  provider.register();
  const instrumentation = new TracegateGraphqlInstrumentation(config);
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [new HttpInstrumentation(), instrumentation],
  });
  const taken = new Set<string>();
  return {
    exporter,
    instrumentation,
    reset: () => {
      exporter.reset();
      taken.clear();
    },
    nextTrace: async (timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const finished = exporter.getFinishedSpans();
        const server = finished.find(
          (span) =>
            span.kind === SpanKind.SERVER &&
            !taken.has(span.spanContext().spanId),
        );
        if (server !== undefined) {
          taken.add(server.spanContext().spanId);
          return traceOf(server, finished);
        }
        if (Date.now() > deadline) {
          throw new Error(`no server span ended within ${timeoutMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}

function traceOf(server: ReadableSpan, finished: ReadableSpan[]): TraceSpans {
  const traceId = server.spanContext().traceId;
  const spans = finished
    .filter((span) => span.spanContext().traceId === traceId)
    .sort((a, b) => compareTime(a.startTime, b.startTime));
  const named = (name: string) => spans.filter((span) => span.name === name);
  return {
    server,
    spans,
    named,
    executes: () =>
      spans.filter(
        (span) => span.attributes['graphql.operation.type'] !== undefined,
      ),
  };
}

function compareTime(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}
