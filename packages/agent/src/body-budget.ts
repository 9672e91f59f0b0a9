import type { Attributes } from '@opentelemetry/api';
import { TraceFlags } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** Attributes that carry captured bodies, the large part of a span. */
const BODY_ATTRIBUTES = [
  'http.request.body',
  'http.response.body',
  'rpc.request.body',
  'rpc.response.body',
] as const;

/** Set on a span whose bodies were removed because the export backlog was full. */
export const ATTR_BODIES_DROPPED = 'tracegate.capture.bodies_dropped';

/**
 * Default cap on the body text held by spans that wait for export: 64 Mi
 * characters (64 to 128 MiB, as V8 stores one or two bytes per character).
 */
export const DEFAULT_PENDING_BODY_CHARS = 64 * 1024 * 1024;

/**
 * Caps the body text held by ended spans that wait in the export queue.
 *
 * The batch queue bounds the number of spans (2048 by default), but each can
 * carry two bodies of up to `maxBodyBytes`, so a backend that is down could
 * otherwise make the queue hold hundreds of MiB. Past the cap, a span keeps
 * every attribute except its bodies and is marked with ATTR_BODIES_DROPPED.
 */
export class BodyBudget {
  private pending = 0;
  private readonly admitted = new WeakMap<ReadableSpan, number>();

  constructor(private readonly maxChars = DEFAULT_PENDING_BODY_CHARS) {}

  /** Accounts for a span entering the queue, removing its bodies if over the cap. */
  admit(span: ReadableSpan): void {
    // The SDK's span keeps a plain attribute object that is still writable
    // after end; processors see it before the exporter serializes it.
    const attributes = span.attributes;
    const size = bodyChars(attributes);
    // Spans that are recorded but not sampled never reach the exporter, so
    // they would never be released.
    if (size === 0 || !isSampled(span)) return;
    if (this.pending + size > this.maxChars) {
      for (const name of BODY_ATTRIBUTES) delete attributes[name];
      attributes[ATTR_BODIES_DROPPED] = 'export_backlog';
      return;
    }
    this.pending += size;
    this.admitted.set(span, size);
  }

  /** Accounts for a span leaving the queue: exported, failed or dropped. */
  release(span: ReadableSpan): void {
    const size = this.admitted.get(span);
    if (size === undefined) return;
    this.admitted.delete(span);
    this.pending -= size;
  }

  /** Body characters held by queued spans. */
  get pendingChars(): number {
    return this.pending;
  }
}

function bodyChars(attributes: Attributes): number {
  let size = 0;
  for (const name of BODY_ATTRIBUTES) {
    const value = attributes[name];
    if (typeof value === 'string') size += value.length;
  }
  return size;
}

function isSampled(span: ReadableSpan): boolean {
  return (span.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0;
}
