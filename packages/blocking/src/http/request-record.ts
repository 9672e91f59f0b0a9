import type { Attributes, Span } from '@opentelemetry/api';
import type { IncomingMessage } from 'node:http';
import { recordDecisions } from '../audit';
import type { Decision } from '../types';

/**
 * The audit trail of one request across its events. Node emits
 * `checkContinue` before the application answers 100 Continue and usually
 * emits `request` for the same request afterwards; only the second one gets
 * a server span from instrumentation-http, so what was decided before waits
 * here until a span is known.
 */
export class RequestRecord {
  /** True once the headers stage allowed the request. */
  headersAllowed = false;
  /** True once the body stage ran or was skipped. */
  bodyDone = false;
  private span: Span | undefined;
  private readonly audit = { blocked: false };
  private pendingDecisions: Decision[] = [];
  private pendingAttributes: Attributes = {};

  /** Sets the span of the request and writes what waited for one. */
  attachSpan(span: Span | undefined): void {
    if (span === undefined || this.span !== undefined) return;
    this.span = span;
    for (const decision of this.pendingDecisions) {
      recordDecisions(span, decision, this.audit);
    }
    span.setAttributes(this.pendingAttributes);
    this.pendingDecisions = [];
    this.pendingAttributes = {};
  }

  decision(decision: Decision): void {
    if (decision.outcome === 'allow') return;
    if (this.span === undefined) this.pendingDecisions.push(decision);
    else recordDecisions(this.span, decision, this.audit);
  }

  attribute(name: string, value: string | boolean): void {
    if (this.span === undefined) this.pendingAttributes[name] = value;
    else this.span.setAttribute(name, value);
  }
}

const records = new WeakMap<IncomingMessage, RequestRecord>();

/** Returns the record of a request, and whether it existed before. */
export function recordFor(request: IncomingMessage): {
  record: RequestRecord;
  known: boolean;
} {
  const existing = records.get(request);
  if (existing !== undefined) return { record: existing, known: true };
  const record = new RequestRecord();
  records.set(request, record);
  return { record, known: false };
}
