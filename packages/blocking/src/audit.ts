import type { Attributes, Span } from '@opentelemetry/api';
import type { Decision, StopDecision } from './types';

/** Span attribute and event names of the audit trail. */
export const ATTR_BLOCKING_DECISION = 'tracegate.blocking.decision';
export const ATTR_BLOCKING_FILTER = 'tracegate.blocking.filter';
export const ATTR_BLOCKING_RULE = 'tracegate.blocking.rule';
export const ATTR_BLOCKING_STAGE = 'tracegate.blocking.stage';
export const ATTR_BLOCKING_REASON = 'tracegate.blocking.reason';
export const ATTR_BLOCKING_FAILURE = 'tracegate.blocking.failure';
export const EVENT_BLOCKING_DECISION = 'tracegate.blocking.decision';
/** True when a block was decided after the response headers were sent. */
export const ATTR_BLOCKING_TOO_LATE = 'tracegate.blocking.too_late';
/**
 * Why the body stage did not run: `size_limit`, `time_limit`, `total_limit`
 * (the bodies held by all requests passed `maxTotalBytes`) or `aborted` (the
 * client left while its body was held).
 */
export const ATTR_BLOCKING_BODY_SKIPPED = 'tracegate.blocking.body_skipped';
/**
 * The number of the request message, counted from 1, whose body-stage
 * decision this is, in a gRPC client-streaming or bidirectional call.
 */
export const ATTR_BLOCKING_MESSAGE_NUMBER = 'tracegate.blocking.message_number';

/** Audit state of one span: which attributes a decision wrote so far. */
export interface AuditState {
  blocked: boolean;
  /** True once a decision wrote the attributes. */
  written?: boolean;
  /** True when the written attributes carry a failure. */
  failureWritten?: boolean;
}

/**
 * Records one decision on the server span. Every decision becomes an
 * event, and the decision that counts (a block, or else the first monitor
 * match) also becomes the attributes.
 *
 * Span attributes cannot be removed, so a later decision overwrites every
 * attribute an earlier one wrote. That is why the rule falls back to the
 * filter's name and an earlier failure becomes `none`.
 */
export function recordDecision(
  span: Span | undefined,
  decision: StopDecision,
  state: AuditState,
  extra?: Attributes,
): void {
  if (span === undefined) return;
  const attributes: Attributes = {
    ...extra,
    [ATTR_BLOCKING_DECISION]: decision.outcome,
    [ATTR_BLOCKING_FILTER]: decision.filter,
    [ATTR_BLOCKING_STAGE]: decision.stage,
    [ATTR_BLOCKING_REASON]: decision.reason,
    [ATTR_BLOCKING_RULE]: decision.rule ?? decision.filter,
  };
  if (decision.failure !== undefined) {
    attributes[ATTR_BLOCKING_FAILURE] = decision.failure;
  }
  span.addEvent(EVENT_BLOCKING_DECISION, attributes);
  if (state.blocked) return;
  if (decision.outcome === 'monitor' && state.written === true) return;
  if (decision.failure === undefined && state.failureWritten === true) {
    attributes[ATTR_BLOCKING_FAILURE] = 'none';
  }
  state.blocked = decision.outcome === 'block';
  state.written = true;
  state.failureWritten = decision.failure !== undefined;
  span.setAttributes(attributes);
}

/** Returns every decision that an evaluation made, in filter order. */
export function decisionRecords(decision: Decision): readonly StopDecision[] {
  if (decision.records !== undefined) return decision.records;
  return decision.outcome === 'allow' ? [] : [decision];
}

/**
 * Records every decision of one evaluation with `recordDecision`. `extra`
 * attributes go into each event and, with the decision that counts, into
 * the span attributes.
 */
export function recordDecisions(
  span: Span | undefined,
  decision: Decision,
  state: AuditState,
  extra?: Attributes,
): void {
  for (const record of decisionRecords(decision)) {
    recordDecision(span, record, state, extra);
  }
}
