import type { Span } from '@opentelemetry/api';
import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import { ATTR_ERROR_COUNT, ATTR_OPERATION_COUNT } from './attributes';

interface Counts {
  operations: number;
  errors: number;
}

/** Counts per HTTP server span; entries go away with their spans. */
const counts = new WeakMap<Span, Counts>();

/**
 * Returns the HTTP server span of the request being handled. OpenTelemetry's
 * HTTP instrumentation stores it in the context as RPC metadata, the same
 * place the Express instrumentation uses to set `http.route`.
 */
export function currentHttpSpan(): Span | undefined {
  const metadata = getRPCMetadata(context.active());
  return metadata?.type === RPCType.HTTP ? metadata.span : undefined;
}

/** Adds one executed operation to the HTTP span's `tracegate.graphql.operations`. */
export function countOperation(span: Span | undefined): void {
  if (span === undefined) return;
  const entry = countsOf(span);
  entry.operations += 1;
  span.setAttribute(ATTR_OPERATION_COUNT, entry.operations);
}

/** Adds errors to the HTTP span's `tracegate.graphql.errors`. */
export function countErrors(span: Span | undefined, errors: number): void {
  if (span === undefined || errors === 0) return;
  const entry = countsOf(span);
  entry.errors += errors;
  span.setAttribute(ATTR_ERROR_COUNT, entry.errors);
}

function countsOf(span: Span): Counts {
  let entry = counts.get(span);
  if (entry === undefined) {
    entry = { operations: 0, errors: 0 };
    counts.set(span, entry);
  }
  return entry;
}
