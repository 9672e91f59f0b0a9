import type { Span } from '@opentelemetry/api';
import type { StopDecision } from './types';

/** Span attribute and event names of the audit trail. */
export const ATTR_BLOCKING_DECISION = 'tracegate.blocking.decision';
export const ATTR_BLOCKING_FILTER = 'tracegate.blocking.filter';
export const ATTR_BLOCKING_RULE = 'tracegate.blocking.rule';
export const ATTR_BLOCKING_STAGE = 'tracegate.blocking.stage';
export const ATTR_BLOCKING_REASON = 'tracegate.blocking.reason';
export const ATTR_BLOCKING_FAILURE = 'tracegate.blocking.failure';
export const EVENT_BLOCKING_DECISION = 'tracegate.blocking.decision';

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
