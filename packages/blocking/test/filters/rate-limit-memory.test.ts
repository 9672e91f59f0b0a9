import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRateLimitFilter } from '../../src/filters';
import type { RateLimitFilter, RateLimitFilterInput } from '../../src/filters';
import { MemoryBucketStore } from '../../src/filters/memory-store';
import { rateLimitKey } from '../../src/filters/rate-limit-key';
import { validateRateLimitFilterOptions } from '../../src/filters/rate-limit-options';
import { RequestPath } from '../../src/filters/request-path';
import type { RequestView, Verdict } from '../../src/types';
import { expectBlock } from './support/verdicts';
import { makeView } from './support/views';

function rateLimitFilter(input: RateLimitFilterInput): RateLimitFilter {
  const filter = createRateLimitFilter(input);
  assert.ok(filter, 'the filter was not created');
  return filter;
}

function check(
  filter: RateLimitFilter,
  overrides: Partial<RequestView> = {},
  url = '/items',
): Verdict | undefined {
  const result = filter.check(makeView(url, overrides));
  assert.ok(!(result instanceof Promise), 'a memory limit returned a promise');
  return result ?? undefined;
}

/** Runs `count` checks and returns how many were allowed. */
function allowedOf(
  filter: RateLimitFilter,
  count: number,
  overrides: Partial<RequestView> = {},
  url = '/items',
): number {
  let allowed = 0;
  for (let i = 0; i < count; i += 1) {
    if (check(filter, overrides, url) === undefined) allowed += 1;
  }
  return allowed;
}

describe('rate limit, memory store', () => {
  it('is off by default', () => {
    assert.equal(createRateLimitFilter(), undefined);
    assert.equal(
      createRateLimitFilter({ limits: [{ by: 'ip', rate: '1/s' }] }),
      undefined,
    );
  });

  it('allows the burst, then answers 429 with headers', () => {
    const filter = rateLimitFilter({
      mode: 'block',
      limits: [{ name: 'api', by: 'ip', capacity: 3, refillPerSecond: 1 }],
    });
    assert.equal(allowedOf(filter, 3), 3);
    const verdict = expectBlock(check(filter));
    assert.equal(verdict.status, 429);
    assert.equal(verdict.rule, 'api');
    assert.deepEqual(verdict.headers, {
      'Retry-After': '1',
      'RateLimit-Limit': '3',
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': '3',
      'RateLimit-Policy': '3;w=3',
    });
  });

  it('keeps the client out of the reason', () => {
    const filter = rateLimitFilter({
      mode: 'block',
      limits: [
        { by: 'ip', capacity: 1, refillPerSecond: 1 },
        { by: 'user', capacity: 1, refillPerSecond: 0.5 },
      ],
    });
    const client = { clientIp: '198.51.100.23', userId: 'alice@example.com' };
    check(filter, client);
    const verdict = expectBlock(check(filter, client));
    assert.ok(verdict.reason !== undefined);
    assert.ok(!verdict.reason.includes('198.51.100.23'), verdict.reason);
    assert.ok(!verdict.reason.includes('alice'), verdict.reason);
  });

  it('refills over time', async () => {
    const filter = rateLimitFilter({
      mode: 'block',
      limits: [{ by: 'ip', capacity: 2, refillPerSecond: 20 }],
    });
    assert.equal(allowedOf(filter, 5), 2);
    await sleep(130);
    assert.equal(allowedOf(filter, 5), 2);
  });

  it('reads rate strings', () => {
    const filter = rateLimitFilter({
      mode: 'block',
      limits: [{ by: 'ip', rate: '5/m' }],
    });
    assert.equal(allowedOf(filter, 10), 5);
    const verdict = expectBlock(check(filter));
    assert.equal(verdict.headers?.['Retry-After'], '12');
    assert.equal(verdict.headers?.['RateLimit-Policy'], '5;w=60');
  });

  it('counts each IP apart', () => {
    const filter = rateLimitFilter({
      mode: 'block',
      limits: [{ by: 'ip', capacity: 2, refillPerSecond: 0.01 }],
    });
    assert.equal(allowedOf(filter, 4, { clientIp: '192.0.2.1' }), 2);
    assert.equal(allowedOf(filter, 4, { clientIp: '192.0.2.2' }), 2);
    assert.equal(allowedOf(filter, 1, { clientIp: '::ffff:192.0.2.1' }), 0);
  });

  it('counts an IPv6 /64 as one client', () => {
    const filter = rateLimitFilter({
      mode: 'block',
      limits: [{ by: 'ip', capacity: 2, refillPerSecond: 0.01 }],
    });
    assert.equal(allowedOf(filter, 1, { clientIp: '2001:db8:1:2::1' }), 1);
    assert.equal(allowedOf(filter, 1, { clientIp: '2001:db8:1:2:ffff::9' }), 1);
    assert.equal(allowedOf(filter, 1, { clientIp: '2001:db8:1:2::77' }), 0);
    assert.equal(allowedOf(filter, 1, { clientIp: '2001:db8:1:3::1' }), 1);
  });

  it('counts by user and skips anonymous requests', () => {
    const filter = rateLimitFilter({
      mode: 'block',
      limits: [{ by: 'user', capacity: 1, refillPerSecond: 0.01 }],
    });
    assert.equal(allowedOf(filter, 3, { userId: 'u1' }), 1);
    assert.equal(allowedOf(filter, 3, { userId: 'u2' }), 1);
    assert.equal(allowedOf(filter, 3), 3);
  });

  it('counts by route template, else method and path', () => {
    const filter = rateLimitFilter({
      mode: 'block',
      limits: [{ by: 'route', capacity: 2, refillPerSecond: 0.01 }],
    });
    const route = { route: '/items/:id' };
    assert.equal(allowedOf(filter, 1, route, '/items/1'), 1);
    assert.equal(allowedOf(filter, 2, route, '/items/2'), 1);
    assert.equal(allowedOf(filter, 1, {}, '/orders/1'), 1);
    assert.equal(allowedOf(filter, 1, {}, '/orders/./1'), 1);
    assert.equal(allowedOf(filter, 1, {}, '//orders/1'), 0);
    assert.equal(allowedOf(filter, 1, { method: 'POST' }, '/orders/1'), 1);
  });

  it('applies only to matching methods and paths', () => {
    const filter = rateLimitFilter({
      mode: 'block',
      limits: [
        {
          by: 'ip',
          capacity: 1,
          refillPerSecond: 0.01,
          match: { methods: ['POST'], paths: ['/login', '/api/*'] },
        },
      ],
    });
    assert.equal(allowedOf(filter, 3, { method: 'POST' }, '/login'), 1);
    assert.equal(allowedOf(filter, 3, { method: 'GET' }, '/login'), 3);
    assert.equal(allowedOf(filter, 3, { method: 'POST' }, '/other'), 3);
    assert.equal(allowedOf(filter, 1, { method: 'POST' }, '/api/x'), 0);
  });

  it('reports the limit with the longest wait', () => {
    const filter = rateLimitFilter({
      mode: 'block',
      limits: [
        { name: 'fast', by: 'ip', capacity: 1, refillPerSecond: 1 },
        { name: 'slow', by: 'ip', capacity: 1, refillPerSecond: 0.1 },
      ],
    });
    assert.equal(check(filter), undefined);
    const verdict = expectBlock(check(filter));
    assert.equal(verdict.rule, 'slow');
    assert.equal(verdict.headers?.['Retry-After'], '10');
  });

  it('returns verdicts in monitor mode too', () => {
    const filter = rateLimitFilter({
      mode: 'monitor',
      limits: [{ by: 'ip', capacity: 1, refillPerSecond: 0.01 }],
    });
    assert.equal(filter.mode, 'monitor');
    check(filter);
    expectBlock(check(filter));
  });

  it('keeps at most maxKeys buckets', () => {
    const store = new MemoryBucketStore(100);
    const shape = { capacity: 1, refillPerSecond: 0.001 };
    for (let i = 0; i < 1000; i += 1) store.take(`client-${i}`, shape);
    assert.equal(store.size, 100);
    assert.equal(store.take('client-999', shape).allowed, false);
    assert.equal(store.take('client-0', shape).allowed, true);
  });

  it('hashes long key parts', () => {
    const { options } = validateRateLimitFilterOptions({
      mode: 'block',
      limits: [{ by: 'route', rate: '1/s' }],
    });
    const limit = options.limits[0];
    const longPath = `/${'x'.repeat(5000)}`;
    const view = makeView(longPath);
    const key = rateLimitKey(limit, view, () => new RequestPath(longPath));
    assert.ok(key !== undefined);
    assert.ok(key.length < 200, `key has ${key.length} characters`);
    assert.notEqual(
      key,
      rateLimitKey(limit, view, () => new RequestPath(`${longPath}y`)),
    );
  });
});
