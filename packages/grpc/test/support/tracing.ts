import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { SpanKind } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import type { BlockingEngine } from '@tracegate/blocking';
import type { GrpcCaptureOptions } from '../../src';
import { TracegateGrpcInstrumentation } from '../../src';

/** An in-process tracer provider with Tracegate's gRPC capture enabled. */
export interface TestTracing {
  exporter: InMemorySpanExporter;
  tracegate: TracegateGrpcInstrumentation;
  /** Waits until a span of this kind and name has ended and returns it. */
  nextSpan(
    kind: SpanKind,
    name: string,
    timeoutMs?: number,
  ): Promise<ReadableSpan>;
  reset(): void;
}

/** Which instrumentations a test process registers. */
export interface TracingSetup {
  capture?: GrpcCaptureOptions;
  /** The blocking engine that Tracegate consults for served calls. */
  blocking?: BlockingEngine;
  /** Bytes of message JSON that the body stage inspects. */
  blockingMaxBodyBytes?: number;
  /** Register Tracegate's instrumentation. @default true */
  tracegate?: boolean;
  /** Register instrumentation-grpc. @default true */
  upstream?: boolean;
  /** Register instrumentation-grpc before Tracegate instead of after. @default false */
  upstreamFirst?: boolean;
}

/**
 * Enables capture before grpc-js is loaded: test files call this first and
 * load grpc-js afterwards, as an app preloaded with the agent would.
 */
export function setupTracing(setup: TracingSetup = {}): TestTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  provider.register();
  const tracegate = new TracegateGrpcInstrumentation({
    capture: setup.capture,
    blocking: setup.blocking,
    blockingMaxBodyBytes: setup.blockingMaxBodyBytes,
  });
  const instrumentations: Instrumentation[] = [];
  if (setup.tracegate ?? true) instrumentations.push(tracegate);
  if (setup.upstream ?? true) {
    const upstream = new GrpcInstrumentation();
    if (setup.upstreamFirst === true) instrumentations.unshift(upstream);
    else instrumentations.push(upstream);
  }
  registerInstrumentations({ tracerProvider: provider, instrumentations });
  const returned = new Set<ReadableSpan>();
  return {
    exporter,
    tracegate,
    reset: () => {
      exporter.reset();
      returned.clear();
    },
    nextSpan: async (kind, name, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const span = exporter
          .getFinishedSpans()
          .find(
            (candidate) =>
              candidate.kind === kind &&
              candidate.name === name &&
              !returned.has(candidate),
          );
        if (span !== undefined) {
          returned.add(span);
          return span;
        }
        if (Date.now() > deadline) {
          throw new Error(
            `no ${SpanKind[kind]} span "${name}" ended within ${timeoutMs} ms`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}
