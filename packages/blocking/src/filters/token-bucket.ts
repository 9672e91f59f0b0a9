/** Bucket parameters of one limit. */
export interface BucketShape {
  readonly capacity: number;
  /** Tokens added back per second. */
  readonly refillPerSecond: number;
}

/** The outcome of taking one token. */
export interface TakeResult {
  readonly allowed: boolean;
  /** Whole tokens left after this request. */
  readonly remaining: number;
  /** Seconds until one token is back; 0 when the request was allowed. */
  readonly retryAfterSeconds: number;
  /** Seconds until the bucket is full again. */
  readonly resetSeconds: number;
}

/**
 * A store of buckets. `take` returns undefined when the store has no result
 * (Redis down or slow), and the filter then lets the request go.
 */
export interface BucketStore {
  take(
    key: string,
    shape: BucketShape,
  ): TakeResult | undefined | Promise<TakeResult | undefined>;
  close(): Promise<void>;
}

/**
 * Refills `tokens` for `elapsedMs` and takes one token if a whole one is
 * there. The memory store and the Redis script compute the same thing.
 */
export function refillAndTake(
  tokens: number,
  elapsedMs: number,
  shape: BucketShape,
): { allowed: boolean; tokens: number } {
  const refilled = Math.min(
    shape.capacity,
    tokens + (Math.max(0, elapsedMs) * shape.refillPerSecond) / 1000,
  );
  if (refilled >= 1) return { allowed: true, tokens: refilled - 1 };
  return { allowed: false, tokens: refilled };
}

/** Builds the result reported to the client from the tokens left. */
export function describeTake(
  allowed: boolean,
  tokens: number,
  shape: BucketShape,
): TakeResult {
  return {
    allowed,
    remaining: Math.floor(tokens),
    retryAfterSeconds: allowed
      ? 0
      : Math.max(1, Math.ceil((1 - tokens) / shape.refillPerSecond)),
    resetSeconds: Math.ceil((shape.capacity - tokens) / shape.refillPerSecond),
  };
}
