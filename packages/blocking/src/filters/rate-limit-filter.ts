import type { Filter, RequestView, Verdict } from '../types';
import { logProblems } from './logger';
import { MemoryBucketStore } from './memory-store';
import type { PathPattern } from './path-pattern';
import { compilePathPattern } from './path-pattern';
import type {
  RateLimit,
  RateLimitFilterInput,
  RateLimitFilterOptions,
} from './rate-limit-options';
import { validateRateLimitFilterOptions } from './rate-limit-options';
import { rateLimitKey } from './rate-limit-key';
import { strictestVerdict } from './rate-limit-verdict';
import { RedisBucketStore } from './redis-store';
import { RequestPath } from './request-path';
import type { BucketStore, TakeResult } from './token-bucket';

export const RATE_LIMIT_FILTER_NAME = 'rateLimit';

/** The rate-limit filter, with the lifecycle of its Redis connections. */
export interface RateLimitFilter extends Filter {
  /**
   * Resolves when every Redis store is connected, or rejects after `ms`.
   * Checks never wait for it: until then they let requests through.
   */
  ready(ms?: number): Promise<void>;
  /** Closes the Redis connections and empties the memory stores. */
  close(): Promise<void>;
}

interface ActiveLimit {
  readonly limit: RateLimit;
  readonly store: BucketStore;
  readonly methods: ReadonlySet<string> | undefined;
  readonly paths: readonly PathPattern[] | undefined;
}

type Outcome = readonly [RateLimit, TakeResult | undefined];

function compileMatch(
  limit: RateLimit,
): Pick<ActiveLimit, 'methods' | 'paths'> {
  const methods = limit.match?.methods;
  const paths = limit.match?.paths?.flatMap((source) => {
    const pattern = compilePathPattern(source, 'paths', false, []);
    return pattern === undefined ? [] : [pattern];
  });
  const methodSet = methods === undefined ? undefined : new Set(methods);
  // Routers run the GET handler for HEAD, so GET limits count HEAD too.
  if (methodSet?.has('GET') === true) methodSet.add('HEAD');
  return { methods: methodSet, paths };
}

function applies(
  active: ActiveLimit,
  view: RequestView,
  path: () => RequestPath,
): boolean {
  if (
    active.methods !== undefined &&
    !active.methods.has(view.method.toUpperCase())
  ) {
    return false;
  }
  return (
    active.paths === undefined || active.paths.some((p) => p.matches(path()))
  );
}

function buildLimits(options: RateLimitFilterOptions): {
  limits: ActiveLimit[];
  redisStores: RedisBucketStore[];
} {
  const redisByUrl = new Map<string, RedisBucketStore>();
  const limits = options.limits.map((limit): ActiveLimit => {
    let store: BucketStore;
    if (limit.store === 'redis' && limit.redisUrl !== undefined) {
      let redis = redisByUrl.get(limit.redisUrl);
      if (redis === undefined) {
        redis = new RedisBucketStore(limit.redisUrl, options.redisTimeoutMs);
        redisByUrl.set(limit.redisUrl, redis);
      }
      store = redis;
    } else {
      store = new MemoryBucketStore(options.maxKeys);
    }
    return { limit, store, ...compileMatch(limit) };
  });
  return { limits, redisStores: [...redisByUrl.values()] };
}

/**
 * Creates the token-bucket rate-limit filter from `blocking.rateLimit`
 * options, or returns undefined when its mode is `off`. Every limit that
 * applies to a request takes one token; when any bucket is empty the
 * request gets a 429 verdict. Requests with nothing to count by (no client
 * IP for `ip`, no user id for `user`) are not counted by that limit.
 */
export function createRateLimitFilter(
  input: RateLimitFilterInput = {},
): RateLimitFilter | undefined {
  const { options, problems } = validateRateLimitFilterOptions(input);
  logProblems(RATE_LIMIT_FILTER_NAME, problems);
  if (options.mode === 'off') return undefined;
  const { limits, redisStores } = buildLimits(options);

  function check(
    view: RequestView,
  ): Verdict | undefined | Promise<Verdict | undefined> {
    let normalized: RequestPath | undefined;
    const path = (): RequestPath =>
      (normalized ??= RequestPath.fromTarget(view.url));
    const outcomes: Outcome[] = [];
    const pending: Array<Promise<Outcome>> = [];
    for (const active of limits) {
      if (!applies(active, view, path)) continue;
      const key = rateLimitKey(active.limit, view, path);
      if (key === undefined) continue;
      const result = active.store.take(key, active.limit);
      if (result instanceof Promise) {
        pending.push(result.then((value): Outcome => [active.limit, value]));
      } else {
        outcomes.push([active.limit, result]);
      }
    }
    // Memory stores return synchronously, so the common case adds no
    // promise to the request.
    if (pending.length === 0) return strictestVerdict(outcomes);
    return Promise.all(pending).then((results) =>
      strictestVerdict([...outcomes, ...results]),
    );
  }

  return {
    name: RATE_LIMIT_FILTER_NAME,
    stages: ['headers'],
    mode: options.mode,
    check,
    async ready(ms = 5000): Promise<void> {
      await Promise.all(redisStores.map((store) => store.ready(ms)));
    },
    async close(): Promise<void> {
      await Promise.all(limits.map((active) => active.store.close()));
    },
  };
}
