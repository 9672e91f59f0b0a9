import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { SpanKind } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import type { HttpCaptureOptions } from '../../src';
import {
  TracegateHttpInstrumentation,
  TracegateUndiciInstrumentation,
} from '../../src';
import type { TracegateHttpInstrumentationConfig } from '../../src';

/** An in-process tracer provider with Tracegate's HTTP capture enabled. */
export interface TestTracing {
  exporter: InMemorySpanExporter;
  /** Waits until a span of the given kind has ended and returns it. */
  nextSpan(kind: SpanKind, timeoutMs?: number): Promise<ReadableSpan>;
  reset(): void;
}

/**
 * Enables capture before `node:http` is used: test files call this first and
 * load `node:http` afterwards, as an app preloaded with the agent would.
 */
export function setupTracing(
  capture: HttpCaptureOptions = {},
  config: TracegateHttpInstrumentationConfig = {},
): TestTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new TracegateHttpInstrumentation({ ...config, capture }),
      new TracegateUndiciInstrumentation({ capture }),
    ],
  });
  const taken = new Set<ReadableSpan>();
  return {
    exporter,
    reset: () => {
      exporter.reset();
      taken.clear();
    },
    nextSpan: async (kind, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const span = exporter
          .getFinishedSpans()
          .find(
            (candidate) => candidate.kind === kind && !taken.has(candidate),
          );
        if (span !== undefined) {
          taken.add(span);
          return span;
        }
        if (Date.now() > deadline) {
          throw new Error(
            `no ${SpanKind[kind]} span ended within ${timeoutMs} ms`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}
