import { performance } from 'node:perf_hooks';
import { LRUCache } from 'lru-cache';
import type { BucketShape, BucketStore, TakeResult } from './token-bucket';
import { describeTake, refillAndTake } from './token-bucket';

interface BucketState {
  tokens: number;
  /** `performance.now()` of the last take, in milliseconds. */
  updatedAt: number;
}

/**
 * Buckets of one limit in process memory. At most `maxKeys` buckets are
 * kept, and the least recently used one is dropped first, so a flood of
 * distinct clients costs bounded memory. A dropped bucket starts full when
 * its client returns. No timer runs per key: a bucket refills lazily from
 * the time elapsed since its last take.
 */
export class MemoryBucketStore implements BucketStore {
  private readonly buckets: LRUCache<string, BucketState>;

  constructor(maxKeys: number) {
    this.buckets = new LRUCache({ max: maxKeys });
  }

  take(key: string, shape: BucketShape): TakeResult {
    const now = performance.now();
    const state = this.buckets.get(key);
    const { allowed, tokens } =
      state === undefined
        ? refillAndTake(shape.capacity, 0, shape)
        : refillAndTake(state.tokens, now - state.updatedAt, shape);
    if (state === undefined) {
      this.buckets.set(key, { tokens, updatedAt: now });
    } else {
      state.tokens = tokens;
      state.updatedAt = now;
    }
    return describeTake(allowed, tokens, shape);
  }

  get size(): number {
    return this.buckets.size;
  }

  close(): Promise<void> {
    this.buckets.clear();
    return Promise.resolve();
  }
}
