import type { Stage, StopDecision } from '../types';
import type { HoldLimit } from './body-hold';

/** Filter name recorded for blocks that the body stage limits decide. */
export const BODY_LIMIT_FILTER = 'tracegate.body_stage';

const LIMIT_STATUS: Readonly<Record<HoldLimit, number>> = {
  size_limit: 413,
  time_limit: 408,
};

/** The block decision of a body that passed a limit under `onLimit: block`. */
export function limitDecision(limit: HoldLimit): StopDecision {
  const stage: Stage = 'body';
  return Object.freeze({
    outcome: 'block',
    stage,
    filter: BODY_LIMIT_FILTER,
    rule: limit,
    reason:
      limit === 'size_limit'
        ? 'request body exceeded the body stage size limit'
        : 'request body did not arrive within the body stage time limit',
    verdict: Object.freeze({ action: 'block', status: LIMIT_STATUS[limit] }),
  });
}
