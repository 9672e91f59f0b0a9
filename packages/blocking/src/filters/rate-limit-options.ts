import type { FilterMode } from '../types';
import { compilePathPattern } from './path-pattern';
import { redisUrlProblem } from './redis-url';
import type { ValidationResult } from './validation';
import {
  checkKnownKeys,
  isPlainObject,
  readMethods,
  readMode,
  readNumber,
  readObject,
  showValue,
} from './validation';

/** The request attribute a limit counts by. */
export type RateLimitKey = 'ip' | 'user' | 'route';

/** The requests a limit applies to; absent fields match every request. */
export interface RateLimitMatch {
  /** Upper-case HTTP methods. */
  readonly methods?: readonly string[];
  /** Paths in the syntax of path rules: exact, `/prefix/*`, `:param`, `re:`. */
  readonly paths?: readonly string[];
}

/** One token-bucket limit of `blocking.rateLimit`, validated. */
export interface RateLimit {
  /** Recorded as the verdict's rule and part of the store key. */
  readonly name: string;
  /**
   * Request attribute counted: `ip` is the client IP, with IPv6 clients
   * counted by their /64 network. `user` is the identified user id. `route`
   * is the method and route template, or the method and normalized path
   * when no route is known.
   */
  readonly by: RateLimitKey;
  /** Bucket size: the burst a client may send at once. */
  readonly capacity: number;
  /** Tokens added back per second. */
  readonly refillPerSecond: number;
  /** `memory` (per process, default) or `redis` (shared). */
  readonly store: 'memory' | 'redis';
  /** `redis://` or `rediss://` URL; required for the redis store. */
  readonly redisUrl?: string;
  /** Prefix of the Redis keys; default `tracegate:ratelimit:`. */
  readonly keyPrefix: string;
  readonly match?: RateLimitMatch;
}

/**
 * One limit as configured: `capacity` and `refillPerSecond`, or `rate` such
 * as `100/m` (capacity 100, refilled over a minute).
 */
export type RateLimitInput = Partial<Omit<RateLimit, 'by'>> & {
  readonly by: RateLimitKey;
  readonly rate?: string;
};

/** Options of the rate-limit filter (`blocking.rateLimit`). */
export interface RateLimitFilterOptions {
  /** `off` (default), `monitor` (record and count only) or `block`. */
  readonly mode: FilterMode;
  readonly limits: readonly RateLimit[];
  /** Maximum keys each memory-store limit keeps; least recently used go. */
  readonly maxKeys: number;
  /**
   * Maximum milliseconds one check waits for Redis before it lets the
   * request through; default 25. Keep it below the engine's filter time
   * limit (50 ms by default), so a slow Redis fails open here even where the
   * engine is set to fail closed.
   */
  readonly redisTimeoutMs: number;
}

export type RateLimitFilterInput = Partial<
  Omit<RateLimitFilterOptions, 'limits'>
> & { readonly limits?: readonly RateLimitInput[] };

export const DEFAULT_RATE_LIMIT_KEY_PREFIX = 'tracegate:ratelimit:';

export const DEFAULT_RATE_LIMIT_FILTER_OPTIONS: RateLimitFilterOptions = {
  mode: 'off',
  limits: [],
  maxKeys: 10_000,
  redisTimeoutMs: 25,
};

const KNOWN_KEYS = ['mode', 'limits', 'maxKeys', 'redisTimeoutMs'];
const LIMIT_KEYS = [
  'name',
  'by',
  'capacity',
  'refillPerSecond',
  'rate',
  'store',
  'redisUrl',
  'keyPrefix',
  'match',
];
const BY: readonly RateLimitKey[] = ['ip', 'user', 'route'];
const MAX_COUNT = 1_000_000_000;
const RATE_UNITS: Readonly<Record<string, number>> = {
  s: 1,
  sec: 1,
  second: 1,
  m: 60,
  min: 60,
  minute: 60,
  h: 3600,
  hour: 3600,
  d: 86_400,
  day: 86_400,
};
const RATE_SYNTAX = /^\s*(\d{1,9})\s*\/\s*(\d{1,6})?\s*([a-z]{1,6})\s*$/i;

/**
 * Parses `100/m`, `100/min`, `5/s` or `1000/10m` into a count and a window
 * in seconds; undefined when the text has another form.
 */
export function parseRate(
  text: string,
): { count: number; seconds: number } | undefined {
  const parts = RATE_SYNTAX.exec(text);
  if (parts === null) return undefined;
  const unit = RATE_UNITS[parts[3].toLowerCase()];
  const count = Number(parts[1]);
  const multiple = parts[2] === undefined ? 1 : Number(parts[2]);
  if (unit === undefined || count < 1 || multiple < 1) return undefined;
  return { count, seconds: unit * multiple };
}

function readBucket(
  raw: Record<string, unknown>,
  field: string,
  problems: string[],
): { capacity: number; refillPerSecond: number } | undefined {
  let capacity: number | undefined;
  let refill: number | undefined;
  if (raw.rate !== undefined) {
    const rate = typeof raw.rate === 'string' ? parseRate(raw.rate) : undefined;
    if (rate === undefined) {
      problems.push(
        `${field}.rate must look like "100/m" (a count, "/", an optional number and a unit of s, m, h or d), got ${showValue(raw.rate)}; the limit is ignored.`,
      );
      return undefined;
    }
    capacity = rate.count;
    refill = rate.count / rate.seconds;
    if (raw.refillPerSecond !== undefined) {
      problems.push(
        `${field} sets both rate and refillPerSecond; the refill of rate ${showValue(raw.rate)} is used.`,
      );
    }
  }
  capacity = readNumber(
    raw.capacity,
    `${field}.capacity`,
    { min: 1, max: MAX_COUNT, integer: true },
    capacity,
    problems,
  );
  if (raw.rate === undefined) {
    refill = readNumber(
      raw.refillPerSecond,
      `${field}.refillPerSecond`,
      { min: 0.000001, max: MAX_COUNT },
      undefined,
      problems,
    );
  }
  if (capacity === undefined || refill === undefined) {
    problems.push(
      `${field} needs capacity and refillPerSecond, or rate such as "100/m"; the limit is ignored.`,
    );
    return undefined;
  }
  return { capacity, refillPerSecond: refill };
}

function readMatch(
  raw: unknown,
  field: string,
  problems: string[],
): RateLimitMatch | undefined | 'invalid' {
  if (raw === undefined) return undefined;
  if (!isPlainObject(raw)) {
    problems.push(
      `${field} must be an object with methods and paths, got ${showValue(raw)}; the limit is ignored.`,
    );
    return 'invalid';
  }
  checkKnownKeys(raw, ['methods', 'paths'], field, problems);
  const methods = readMethods(raw.methods, `${field}.methods`, problems);
  const paths: string[] = [];
  const rawPaths = raw.paths === undefined ? [] : raw.paths;
  if (!Array.isArray(rawPaths)) {
    problems.push(
      `${field}.paths must be a list of paths, got ${showValue(rawPaths)}; the limit is ignored.`,
    );
    return 'invalid';
  }
  (rawPaths as unknown[]).forEach((path, index) => {
    const pattern = compilePathPattern(
      path,
      `${field}.paths[${index}]`,
      false,
      problems,
    );
    if (pattern !== undefined) paths.push(pattern.source);
  });
  if (rawPaths.length > 0 && paths.length === 0) return 'invalid';
  return {
    ...(methods.length === 0 ? {} : { methods }),
    ...(paths.length === 0 ? {} : { paths }),
  };
}

function readStore(
  raw: Record<string, unknown>,
  field: string,
  problems: string[],
): { store: 'memory' | 'redis'; redisUrl?: string } {
  if (raw.store === undefined || raw.store === 'memory') {
    return { store: 'memory' };
  }
  if (raw.store !== 'redis') {
    problems.push(
      `${field}.store must be "memory" or "redis", got ${showValue(raw.store)}; the memory store is used.`,
    );
    return { store: 'memory' };
  }
  const problem = redisUrlProblem(raw.redisUrl);
  if (problem !== undefined) {
    problems.push(
      `${field}.redisUrl ${problem}; this limit uses the memory store, so it is counted per process.`,
    );
    return { store: 'memory' };
  }
  return { store: 'redis', redisUrl: raw.redisUrl as string };
}

function readKeyPrefix(
  value: unknown,
  field: string,
  problems: string[],
): string {
  if (value === undefined) return DEFAULT_RATE_LIMIT_KEY_PREFIX;
  if (typeof value === 'string' && value.length <= 200) return value;
  problems.push(
    `${field} must be a string of at most 200 characters, got ${showValue(value)}; "${DEFAULT_RATE_LIMIT_KEY_PREFIX}" is used.`,
  );
  return DEFAULT_RATE_LIMIT_KEY_PREFIX;
}

function readName(
  value: unknown,
  index: number,
  field: string,
  problems: string[],
): string {
  const fallback = `rateLimit[${index}]`;
  if (value === undefined) return fallback;
  if (typeof value === 'string' && /^[\w.:[\]-]{1,100}$/.test(value)) {
    return value;
  }
  problems.push(
    `${field} must be 1 to 100 letters, digits or the characters _ . : [ ] -, got ${showValue(value)}; "${fallback}" is used.`,
  );
  return fallback;
}

function readLimit(
  raw: unknown,
  index: number,
  field: string,
  problems: string[],
): RateLimit | undefined {
  if (!isPlainObject(raw)) {
    problems.push(
      `${field} must be an object such as { by: "ip", rate: "100/m" }, got ${showValue(raw)}; it is ignored.`,
    );
    return undefined;
  }
  checkKnownKeys(raw, LIMIT_KEYS, field, problems);
  if (!BY.includes(raw.by as RateLimitKey)) {
    problems.push(
      `${field}.by must be one of ${BY.join(', ')}, got ${showValue(raw.by)}; the limit is ignored.`,
    );
    return undefined;
  }
  const bucket = readBucket(raw, field, problems);
  const match = readMatch(raw.match, `${field}.match`, problems);
  if (bucket === undefined || match === 'invalid') return undefined;
  return {
    name: readName(raw.name, index, `${field}.name`, problems),
    by: raw.by as RateLimitKey,
    ...bucket,
    ...readStore(raw, field, problems),
    keyPrefix: readKeyPrefix(raw.keyPrefix, `${field}.keyPrefix`, problems),
    ...(match === undefined ? {} : { match }),
  };
}

function readLimits(
  value: unknown,
  field: string,
  problems: string[],
): RateLimit[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push(
      `${field} must be a list of limits, got ${showValue(value)}; it is ignored.`,
    );
    return [];
  }
  const limits = (value as unknown[]).flatMap((entry, index) => {
    const limit = readLimit(entry, index, `${field}[${index}]`, problems);
    return limit === undefined ? [] : [limit];
  });
  return dropDuplicateNames(limits, field, problems);
}

/** Names are store keys, so two limits with one name would share buckets. */
function dropDuplicateNames(
  limits: RateLimit[],
  field: string,
  problems: string[],
): RateLimit[] {
  const seen = new Set<string>();
  return limits.filter((limit) => {
    if (!seen.has(limit.name)) {
      seen.add(limit.name);
      return true;
    }
    problems.push(
      `${field} has two limits named ${showValue(limit.name)}; names must be unique because they are part of the store key. The second is ignored.`,
    );
    return false;
  });
}

/**
 * Validates raw `blocking.rateLimit` configuration. Invalid limits are
 * dropped with one message each; a redis limit without a usable URL falls
 * back to the memory store. Messages show a Redis URL without its password.
 */
export function validateRateLimitFilterOptions(
  raw: unknown,
  field = 'blocking.rateLimit',
): ValidationResult<RateLimitFilterOptions> {
  const problems: string[] = [];
  const object = readObject(raw, field, problems);
  checkKnownKeys(object, KNOWN_KEYS, field, problems);
  const defaults = DEFAULT_RATE_LIMIT_FILTER_OPTIONS;
  const options: RateLimitFilterOptions = {
    mode: readMode(object.mode, `${field}.mode`, problems),
    limits: readLimits(object.limits, `${field}.limits`, problems),
    maxKeys: readNumber(
      object.maxKeys,
      `${field}.maxKeys`,
      { min: 1, max: 10_000_000, integer: true },
      defaults.maxKeys,
      problems,
    ) as number,
    redisTimeoutMs: readNumber(
      object.redisTimeoutMs,
      `${field}.redisTimeoutMs`,
      { min: 1, max: 60_000, integer: true },
      defaults.redisTimeoutMs,
      problems,
    ) as number,
  };
  return { options, problems };
}
