import type { Stage, StopDecision } from '../types';
import type { HoldLimit } from './body-hold';

/** Filter name recorded for blocks that the body stage limits decide. */
export const BODY_LIMIT_FILTER = 'tracegate.body_stage';

const LIMIT_STATUS: Readonly<Record<HoldLimit, number>> = {
  size_limit: 413,
  time_limit: 408,
  // The server is short of memory for held bodies, not the client at fault.
  total_limit: 503,
};

const LIMIT_REASONS: Readonly<Record<HoldLimit, string>> = {
  size_limit: 'request body exceeded the body stage size limit',
  time_limit: 'request body did not arrive within the body stage time limit',
  total_limit:
    'request bodies held at once exceeded the body stage total size limit',
};

/** Builds the block decision for a body over a limit under `onLimit: block`. */
export function limitDecision(limit: HoldLimit): StopDecision {
  const stage: Stage = 'body';
  return Object.freeze({
    outcome: 'block',
    stage,
    filter: BODY_LIMIT_FILTER,
    rule: limit,
    reason: LIMIT_REASONS[limit],
    verdict: Object.freeze({ action: 'block', status: LIMIT_STATUS[limit] }),
  });
}
