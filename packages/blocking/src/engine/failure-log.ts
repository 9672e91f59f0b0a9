import { logger } from '../logger';

/** Minimum time between two log lines about the same filter and failure. */
export const FAILURE_LOG_INTERVAL_MS = 60_000;

interface LogState {
  lastLoggedAt: number;
  suppressed: number;
}

/**
 * Logs filter failures at most once per filter and failure kind in each
 * interval, with the count of the failures that were not logged, so a filter
 * that fails on every request cannot flood the log.
 */
export class FailureLog {
  private readonly states = new Map<string, LogState>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Logs one failure, or only counts it when it was logged recently. */
  report(filter: string, kind: string, detail: string, outcome: string): void {
    const key = `${filter}\u0000${kind}`;
    const time = this.now();
    const state = this.states.get(key);
    if (
      state !== undefined &&
      time - state.lastLoggedAt < FAILURE_LOG_INTERVAL_MS
    ) {
      state.suppressed += 1;
      return;
    }
    const suppressed = state?.suppressed ?? 0;
    this.states.set(key, { lastLoggedAt: time, suppressed: 0 });
    const earlier =
      suppressed > 0 ? ` (${suppressed} more since the last report)` : '';
    logger.warn(
      `filter "${filter}" failed (${kind}): ${detail}; the request was ${outcome}${earlier}`,
    );
  }
}
