import { performance } from 'node:perf_hooks';
import type Redis from 'ioredis';
import { describeRedisUrl } from './redis-url';
import { TAKE_TOKEN_SCRIPT } from './redis-script';
import { OutageLog } from './store-outage';
import type { BucketShape, BucketStore, TakeResult } from './token-bucket';
import { describeTake } from './token-bucket';

/** After a failed or slow check, checks skip Redis for this long. */
const PAUSE_AFTER_FAILURE_MS = 1000;

const STARTING = new Set(['wait', 'connecting', 'connect']);

type TakeTokenReply = [number, string];

interface ScriptedRedis extends Redis {
  tracegateTakeToken(
    key: string,
    capacity: number,
    refillPerSecond: number,
  ): Promise<TakeTokenReply>;
}

type RedisClass = typeof Redis;
let RedisClient: RedisClass | undefined;

/** Returns the ioredis client class, loaded when the first Redis store is created: it adds about 60 ms to the start-up of every service otherwise. */
function loadRedis(): RedisClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  RedisClient ??= (require('ioredis') as { default: RedisClass }).default;
  return RedisClient;
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new TimeoutError(`no reply within ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Buckets in Redis, shared by every process that uses the same URL and key
 * prefix. Checks fail open: while Redis is unreachable, slow (over
 * `timeoutMs`) or returns errors, `take` returns undefined at once and one
 * rate-limited warning is logged. The client connects in the background and
 * reconnects by itself, so a Redis outage does not throw into the host.
 */
export class RedisBucketStore implements BucketStore {
  private readonly client: ScriptedRedis;
  private readonly outage: OutageLog;
  private pausedUntil = 0;

  constructor(
    url: string,
    private readonly timeoutMs: number,
  ) {
    this.outage = new OutageLog(describeRedisUrl(url));
    const Client = loadRedis();
    this.client = new Client(url, {
      lazyConnect: true,
      // Queued commands would consume tokens long after their request was
      // let through, so a check fails at once while disconnected instead.
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      commandTimeout: timeoutMs,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    }) as ScriptedRedis;
    this.client.defineCommand('tracegateTakeToken', {
      numberOfKeys: 1,
      lua: TAKE_TOKEN_SCRIPT,
    });
    this.client.on('error', (error: Error) =>
      this.outage.failure(error.message),
    );
    this.client.on('ready', () => this.outage.success());
    // Errors of the first connection arrive through the 'error' listener.
    this.client.connect().catch(() => undefined);
  }

  /** Resolves once connected, or rejects after `ms` milliseconds. */
  async ready(ms: number): Promise<void> {
    if (this.client.status === 'ready') return;
    await withTimeout(
      new Promise<void>((resolve) => this.client.once('ready', resolve)),
      ms,
    );
  }

  async take(key: string, shape: BucketShape): Promise<TakeResult | undefined> {
    const status = this.client.status;
    if (status !== 'ready') {
      // The first connection is still being made at start-up, which is no
      // failure; a failed attempt reports itself through 'error'.
      if (!STARTING.has(status)) this.outage.failure(`connection is ${status}`);
      return undefined;
    }
    if (performance.now() < this.pausedUntil) return undefined;
    try {
      const [allowed, tokens] = await withTimeout(
        // ioredis sends EVALSHA and falls back to EVAL on NOSCRIPT, which a
        // restarted Redis returns until the script is loaded again.
        this.client.tracegateTakeToken(
          key,
          shape.capacity,
          shape.refillPerSecond,
        ),
        this.timeoutMs,
      );
      this.outage.success();
      return describeTake(allowed === 1, Number(tokens), shape);
    } catch (error) {
      this.pausedUntil = performance.now() + PAUSE_AFTER_FAILURE_MS;
      this.outage.failure(
        error instanceof Error ? error.message : String(error),
      );
      return undefined;
    }
  }

  close(): Promise<void> {
    this.client.disconnect();
    return Promise.resolve();
  }
}
