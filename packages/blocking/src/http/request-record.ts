import type { Attributes, Span } from '@opentelemetry/api';
import type { IncomingMessage } from 'node:http';
import { recordDecisions } from '../audit';
import type { OrderTicket } from './connection-order';
import type { Decision } from '../types';

/**
 * The audit trail of one request across its events. Node emits
 * `checkContinue` before the application answers 100 Continue and usually
 * emits `request` for the same request afterwards; only the second one gets
 * a server span from instrumentation-http. The gate starts its own span for
 * `checkContinue` and ends it when the application gets the request, and
 * what is decided while no span is attached waits here for the next one.
 */
export class RequestRecord {
  /** True once the headers stage allowed the request. */
  headersAllowed = false;
  /** True once the body stage ran or was skipped. */
  bodyDone = false;
  /** The request's place in the order of its connection. */
  ticket: OrderTicket | undefined;
  /**
   * True once the application emitted `request` for a request that a
   * `checkContinue` listener got: the gate of that event then settles the
   * request's place in the order, when it hands the request over.
   */
  orderAdopted = false;
  private span: Span | undefined;
  private audit = { blocked: false };
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

  /**
   * Forgets a span that ended while the request goes on, so decisions and
   * attributes that come later wait for the next span of the request.
   */
  detachSpan(span: Span): void {
    if (this.span !== span) return;
    this.span = undefined;
    this.audit = { blocked: false };
  }

  /** Settles the request's place in the order after an event's hand-over. */
  settleOrder(eventName: 'request' | 'checkContinue'): void {
    if (eventName === 'checkContinue' && this.orderAdopted) return;
    this.ticket?.settle();
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
