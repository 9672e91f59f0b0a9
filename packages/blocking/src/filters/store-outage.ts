import { logger } from './logger';

/** Minimum milliseconds between two warnings about one failing store. */
export const OUTAGE_WARNING_INTERVAL_MS = 60_000;

/**
 * Rate-limits the warnings about one store: the first failure of an outage
 * is logged, repeats only once per interval with the count of failures in
 * between, and the recovery once.
 */
export class OutageLog {
  private failing = false;
  private lastWarningAt = 0;
  private suppressed = 0;

  constructor(private readonly target: string) {}

  failure(detail: string): void {
    const now = Date.now();
    if (this.failing && now - this.lastWarningAt < OUTAGE_WARNING_INTERVAL_MS) {
      this.suppressed += 1;
      return;
    }
    const repeats = this.failing
      ? ` ${this.suppressed} more failures since the last warning.`
      : '';
    logger.warn(
      `rate limit store ${this.target} failed (${detail}); requests are not rate-limited by it until it recovers.${repeats}`,
    );
    this.failing = true;
    this.lastWarningAt = now;
    this.suppressed = 0;
  }

  success(): void {
    if (!this.failing) return;
    this.failing = false;
    logger.info(
      `rate limit store ${this.target} recovered; limits apply again.`,
    );
  }
}
