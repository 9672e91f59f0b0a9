import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { createRateLimitFilter } from '../../src/filters';
import type { RateLimitFilter, RateLimitInput } from '../../src/filters';
import { DiagCapture } from './support/diag-capture';
import { RedisServer, freePort } from './support/redis-server';
import { SHARED_CAPACITY, sharedLimit } from './support/shared-limit';
import { expectBlock } from './support/verdicts';
import { makeView } from './support/views';

const run = promisify(execFile);
const CHILD = join(__dirname, 'support', 'rate-limit-child.js');
const STORE_WARNING = /rate limit store redis:\/\/127\.0\.0\.1:\d+\/? failed/;

let prefixCount = 0;
/** Returns a new key prefix per test, so tests never share buckets. */
function uniquePrefix(): string {
  prefixCount += 1;
  return `test:${process.pid}:${prefixCount}:`;
}

async function countAllowed(
  filter: RateLimitFilter,
  checks: number,
): Promise<number> {
  let allowed = 0;
  for (let i = 0; i < checks; i += 1) {
    if ((await filter.check(makeView('/items'))) === undefined) allowed += 1;
  }
  return allowed;
}

function storeWarnings(capture: DiagCapture): string[] {
  return capture.warnings.filter((message) => STORE_WARNING.test(message));
}

describe('rate limit, redis store', () => {
  let redis: RedisServer;
  const filters: RateLimitFilter[] = [];
  const capture = new DiagCapture();

  function redisFilter(
    limit: Partial<RateLimitInput> = {},
    // Generous, so that a loaded machine cannot turn a slow Redis reply into a
    // fail-open pass and change the counts; the hang tests pass their own.
    timeoutMs = 1000,
  ): RateLimitFilter {
    const filter = createRateLimitFilter({
      mode: 'block',
      redisTimeoutMs: timeoutMs,
      limits: [{ ...sharedLimit(redis.url, uniquePrefix()), ...limit }],
    });
    assert.ok(filter, 'the filter was not created');
    filters.push(filter);
    return filter;
  }

  before(async () => {
    redis = await RedisServer.start();
  });
  after(async () => {
    await redis.stop();
  });
  beforeEach(() => {
    capture.install();
  });
  afterEach(async () => {
    capture.uninstall();
    capture.clear();
    await Promise.all(filters.splice(0).map((filter) => filter.close()));
  });

  it('answers 429 with headers once the bucket is empty', async () => {
    const filter = redisFilter({ capacity: 3, refillPerSecond: 0.5 });
    await filter.ready(5000);
    assert.equal(await countAllowed(filter, 3), 3);
    const verdict = expectBlock(await filter.check(makeView('/items')));
    assert.equal(verdict.status, 429);
    assert.equal(verdict.rule, 'shared');
    assert.equal(verdict.headers?.['Retry-After'], '2');
    assert.equal(verdict.headers?.['RateLimit-Limit'], '3');
    assert.equal(verdict.headers?.['RateLimit-Remaining'], '0');
    assert.equal(verdict.headers?.['RateLimit-Policy'], '3;w=6');
  });

  it('shares one budget between two filters', async () => {
    const keyPrefix = uniquePrefix();
    const first = redisFilter({ keyPrefix });
    const second = redisFilter({ keyPrefix });
    await Promise.all([first.ready(5000), second.ready(5000)]);
    assert.equal(await countAllowed(first, 4), 4);
    assert.equal(await countAllowed(second, 10), SHARED_CAPACITY - 4);
    assert.equal(await countAllowed(first, 3), 0);
  });

  it('shares one budget with another process', async () => {
    const keyPrefix = uniquePrefix();
    const filter = redisFilter({ keyPrefix });
    await filter.ready(5000);
    assert.equal(await countAllowed(filter, 3), 3);
    const { stdout } = await run(process.execPath, [
      CHILD,
      redis.url,
      keyPrefix,
      '12',
    ]);
    assert.deepEqual(JSON.parse(stdout), {
      allowed: SHARED_CAPACITY - 3,
      blocked: 12 - (SHARED_CAPACITY - 3),
    });
    assert.equal(await countAllowed(filter, 2), 0);
  });

  it('sets keys that expire when the bucket is full again', async () => {
    const keyPrefix = uniquePrefix();
    const filter = redisFilter({ keyPrefix, capacity: 5, refillPerSecond: 10 });
    await filter.ready(5000);
    await countAllowed(filter, 2);
    const client = new Redis(redis.url, { lazyConnect: true });
    try {
      await client.connect();
      const keys = await client.keys(`${keyPrefix}*`);
      assert.equal(keys.length, 1);
      const ttl = await client.pttl(keys[0]);
      // Two tokens refill in 200 ms, and the script adds one second.
      assert.ok(ttl > 0, `PTTL is ${ttl}`);
      assert.ok(ttl <= 1200, `PTTL is ${ttl}`);
    } finally {
      client.disconnect();
    }
  });

  it('fails open once Redis is killed, then recovers', async () => {
    const filter = redisFilter({ capacity: 2 });
    await filter.ready(5000);
    assert.equal(await countAllowed(filter, 3), 2);

    await redis.kill();
    assert.equal(await countAllowed(filter, 20), 20);
    await sleep(500);
    assert.equal(await countAllowed(filter, 5), 5);
    assert.equal(storeWarnings(capture).length, 1, capture.warnings.join('\n'));

    await redis.restart();
    await filter.ready(5000);
    // Checks skip Redis for a second after a failed one.
    await sleep(1100);
    // The restarted Redis has lost the buckets and the script, so this also
    // runs the EVAL fallback after NOSCRIPT.
    assert.equal(await countAllowed(filter, 5), 2);
    assert.ok(
      capture.infos.some((message) => message.includes('recovered')),
      capture.infos.join('\n'),
    );
    assert.equal(storeWarnings(capture).length, 1);
  });

  it('lets a request go when Redis hangs', async () => {
    const filter = redisFilter({ capacity: 1 }, 50);
    await filter.ready(5000);
    assert.equal(await countAllowed(filter, 2), 1);
    redis.pause();
    try {
      const started = performance.now();
      const verdict = await filter.check(makeView('/items'));
      const elapsed = performance.now() - started;
      assert.equal(verdict, undefined);
      assert.ok(elapsed < 500, `the check took ${elapsed.toFixed(0)} ms`);
      const quick = performance.now();
      assert.equal(await countAllowed(filter, 10), 10);
      const quickElapsed = performance.now() - quick;
      assert.ok(
        quickElapsed < 100,
        `ten checks took ${quickElapsed.toFixed(0)} ms`,
      );
    } finally {
      redis.resume();
    }
    assert.equal(storeWarnings(capture).length, 1, capture.warnings.join('\n'));
    await sleep(1100);
    assert.equal(await countAllowed(filter, 2), 0);
  });

  it('starts without a Redis and never throws', async () => {
    const port = await freePort();
    const filter = redisFilter({ redisUrl: `redis://127.0.0.1:${port}` });
    assert.equal(await countAllowed(filter, 15), 15);
    await assert.rejects(filter.ready(300));
    assert.ok(storeWarnings(capture).length >= 1, capture.warnings.join('\n'));
  });

  it('keeps the password out of warnings', async () => {
    const port = await freePort();
    const filter = redisFilter({
      redisUrl: `redis://user:hunter2@127.0.0.1:${port}`,
    });
    await countAllowed(filter, 2);
    await sleep(100);
    assert.ok(capture.warnings.length >= 1);
    for (const message of capture.warnings) {
      assert.ok(!message.includes('hunter2'), message);
    }
  });
});
