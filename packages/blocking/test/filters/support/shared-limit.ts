import type { RateLimitInput } from '../../../src/filters';

/** Capacity of the shared limit; it refills too slowly to matter in a test. */
export const SHARED_CAPACITY = 10;

/** Returns the limit that the test process and its child process both use. */
export function sharedLimit(
  redisUrl: string,
  keyPrefix: string,
): RateLimitInput {
  return {
    name: 'shared',
    by: 'ip',
    capacity: SHARED_CAPACITY,
    refillPerSecond: 0.001,
    store: 'redis',
    redisUrl,
    keyPrefix,
  };
}
