import type { Span } from '@opentelemetry/api';
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
 * Why the body stage did not run: `size_limit`, `time_limit` or `aborted`
 * (the client left while its body was held).
 */
export const ATTR_BLOCKING_BODY_SKIPPED = 'tracegate.blocking.body_skipped';

/**
 * Records one decision on the server span: as attributes, where a block
 * outranks a monitor match already recorded, and as an event, so every
 * decision of the request stays in the trace.
 */
export function recordDecision(
  span: Span | undefined,
  decision: StopDecision,
  state: { blocked: boolean },
): void {
  if (span === undefined) return;
  const attributes: Record<string, string> = {
    [ATTR_BLOCKING_DECISION]: decision.outcome,
    [ATTR_BLOCKING_FILTER]: decision.filter,
    [ATTR_BLOCKING_STAGE]: decision.stage,
    [ATTR_BLOCKING_REASON]: decision.reason,
  };
  if (decision.rule !== undefined) {
    attributes[ATTR_BLOCKING_RULE] = decision.rule;
  }
  if (decision.failure !== undefined) {
    attributes[ATTR_BLOCKING_FAILURE] = decision.failure;
  }
  span.addEvent(EVENT_BLOCKING_DECISION, attributes);
  if (state.blocked && decision.outcome === 'monitor') return;
  if (decision.outcome === 'block') state.blocked = true;
  span.setAttributes(attributes);
}

/** Returns every decision that an evaluation made, in filter order. */
export function decisionRecords(decision: Decision): readonly StopDecision[] {
  if (decision.records !== undefined) return decision.records;
  return decision.outcome === 'allow' ? [] : [decision];
}

/** Records every decision of one evaluation with `recordDecision`. */
export function recordDecisions(
  span: Span | undefined,
  decision: Decision,
  state: { blocked: boolean },
): void {
  for (const record of decisionRecords(decision)) {
    recordDecision(span, record, state);
  }
}
