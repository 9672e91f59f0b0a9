import type { Span } from '@opentelemetry/api';
import { SpanKind, trace } from '@opentelemetry/api';

// Spans that already have a capture, so a call path entered twice (a direct
// `makeUnaryRequest` call under a generated client method) records once.
const capturedSpans = new WeakSet<Span>();

/**
 * Returns the active span when it is the one that instrumentation-grpc
 * started for this method and side, and claims it for capture. Any other
 * active span (the caller's HTTP span, or a span of an ignored method) is
 * left alone, so nothing is written onto a span that is not the call's.
 */
export function claimRpcSpan(
  path: string,
  side: 'server' | 'client',
): Span | undefined {
  const span = findRpcSpan(path, side);
  if (span === undefined || capturedSpans.has(span)) return undefined;
  capturedSpans.add(span);
  return span;
}

/**
 * Returns the active span when it is the recording span that
 * instrumentation-grpc started for this method and side, whether or not
 * capture claimed it. The name and kind are read from the SDK span
 * (`ReadableSpan`); with a tracer that does not expose them, this returns
 * undefined.
 */
export function findRpcSpan(
  path: string,
  side: 'server' | 'client',
): Span | undefined {
  const span = trace.getActiveSpan();
  if (span === undefined || !span.isRecording()) return undefined;
  const readable = span as unknown as { name?: unknown; kind?: unknown };
  const kind = side === 'server' ? SpanKind.SERVER : SpanKind.CLIENT;
  if (readable.name !== rpcSpanName(path) || readable.kind !== kind) {
    return undefined;
  }
  return span;
}

/** Returns the span name that instrumentation-grpc 0.223 gives a call of `/pkg.Service/Method`. */
export function rpcSpanName(path: string): string {
  return `grpc.${path.replace('/', '')}`;
}
