import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { SpanKind } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { TracegateHttpInstrumentation } from '@tracegate/http';
import type { BlockingHttpInstrumentationConfig } from '../../src';
import { BlockingHttpInstrumentation } from '../../src';

/** A tracer provider with blocking and HTTP capture, and its spans. */
export interface BlockingTracing {
  readonly exporter: InMemorySpanExporter;
  readonly instrumentation: BlockingHttpInstrumentation;
  /** Waits for the next ended server span that was not returned before. */
  nextServerSpan(timeoutMs?: number): Promise<ReadableSpan>;
  reset(): void;
}

/**
 * Registers blocking before instrumentation-http (with Tracegate capture),
 * as the agent does. Test files call it before loading `node:http`.
 */
export function setupBlocking(
  config: BlockingHttpInstrumentationConfig,
): BlockingTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  provider.register();
  const instrumentation = new BlockingHttpInstrumentation(config);
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      instrumentation,
      new TracegateHttpInstrumentation({ capture: {} }),
    ],
  });
  const taken = new Set<ReadableSpan>();
  return {
    exporter,
    instrumentation,
    reset: () => {
      exporter.reset();
      taken.clear();
    },
    nextServerSpan: async (timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const span = exporter
          .getFinishedSpans()
          .find((item) => item.kind === SpanKind.SERVER && !taken.has(item));
        if (span !== undefined) {
          taken.add(span);
          return span;
        }
        if (Date.now() > deadline) {
          throw new Error(`no server span ended within ${timeoutMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}
