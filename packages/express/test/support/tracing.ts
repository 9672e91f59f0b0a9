import { SpanKind } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { TracegateHttpInstrumentation } from '@tracegate/http';
import type { TracegateExpressInstrumentationConfig } from '../../src';
import { TracegateExpressInstrumentation } from '../../src';

/** An in-process tracer provider with the Express plugin enabled. */
export interface TestTracing {
  instrumentation: ExpressInstrumentation;
  /** Every span that ended since the last reset. */
  finishedSpans(): ReadableSpan[];
  /** Waits until the next HTTP server span has ended and returns it. */
  nextServerSpan(timeoutMs?: number): Promise<ReadableSpan>;
  reset(): void;
}

/** Options of {@link setupTracing}. */
export interface TracingOptions {
  express?: TracegateExpressInstrumentationConfig;
  /** `plain` uses OpenTelemetry's HttpInstrumentation without Tracegate capture. */
  http?: 'tracegate' | 'plain';
  /** Registers OpenTelemetry's ExpressInstrumentation in place of Tracegate's. */
  upstreamExpress?: boolean;
}

/**
 * Enables tracing before Express and `node:http` are loaded: test files call
 * this first and load both afterwards, as an app preloaded with the agent.
 */
export function setupTracing(options: TracingOptions = {}): TestTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  provider.register();
  const instrumentation = options.upstreamExpress
    ? new ExpressInstrumentation()
    : new TracegateExpressInstrumentation(options.express);
  const http: Instrumentation =
    options.http === 'plain'
      ? new HttpInstrumentation()
      : new TracegateHttpInstrumentation();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [http, instrumentation],
  });
  const returned = new Set<ReadableSpan>();
  return {
    instrumentation,
    finishedSpans: () => exporter.getFinishedSpans(),
    reset: () => {
      exporter.reset();
      returned.clear();
    },
    nextServerSpan: async (timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const span = exporter
          .getFinishedSpans()
          .find(
            (candidate) =>
              candidate.kind === SpanKind.SERVER && !returned.has(candidate),
          );
        if (span !== undefined) {
          returned.add(span);
          return span;
        }
        if (Date.now() > deadline) {
          throw new Error(`no server span ended within ${timeoutMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
}
