import type { Verdict } from '../types';
import type { RateLimit } from './rate-limit-options';
import type { TakeResult } from './token-bucket';

/**
 * Builds the 429 verdict of an exhausted limit, with `Retry-After` and the
 * `RateLimit-*` headers of the IETF httpapi rate-limit headers draft
 * (limit, remaining, seconds until full, and the policy as
 * `<capacity>;w=<seconds to refill it>`).
 */
export function rateLimitVerdict(
  limit: RateLimit,
  result: TakeResult,
): Verdict {
  const window = Math.ceil(limit.capacity / limit.refillPerSecond);
  return {
    action: 'block',
    status: 429,
    rule: limit.name,
    reason: `rate limit ${limit.name} exceeded (counted by ${limit.by})`,
    headers: {
      'Retry-After': String(result.retryAfterSeconds),
      'RateLimit-Limit': String(limit.capacity),
      'RateLimit-Remaining': String(result.remaining),
      'RateLimit-Reset': String(result.resetSeconds),
      'RateLimit-Policy': `${limit.capacity};w=${window}`,
    },
  };
}

/** Picks the exhausted limit whose client must wait longest, if any. */
export function strictestVerdict(
  outcomes: ReadonlyArray<readonly [RateLimit, TakeResult | undefined]>,
): Verdict | undefined {
  let worst: readonly [RateLimit, TakeResult] | undefined;
  for (const [limit, result] of outcomes) {
    if (result === undefined || result.allowed) continue;
    if (
      worst === undefined ||
      result.retryAfterSeconds > worst[1].retryAfterSeconds
    ) {
      worst = [limit, result];
    }
  }
  return worst === undefined ? undefined : rateLimitVerdict(worst[0], worst[1]);
}
