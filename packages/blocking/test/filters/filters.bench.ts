// Measures the cost of the built-in filters' checks. Run after a build:
//   node packages/blocking/dist/test/filters/filters.bench.js
// Prints nanoseconds per check; the Redis part starts its own redis-server.
import { performance } from 'node:perf_hooks';
import ipaddr from 'ipaddr.js';
import {
  createIpFilter,
  createRateLimitFilter,
  createRuleFilter,
} from '../../src/filters';
import type { Filter, RequestView } from '../../src/types';
import { RedisServer } from './support/redis-server';
import { makeView } from './support/views';

/** A small seeded generator, so every run measures the same inputs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const next = random(42);
const int = (max: number): number => Math.floor(next() * max);
const ipv4 = (): string => [int(256), int(256), int(256), int(256)].join('.');
const ipv6 = (): string =>
  Array.from({ length: 8 }, () => int(0x10000).toString(16)).join(':');

/** Times checks of filters that decide in memory and return synchronously. */
function nsPerCall(
  views: readonly RequestView[],
  filter: Filter,
  rounds: number,
): number {
  for (const view of views) void filter.check(view);
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    for (const view of views) void filter.check(view);
  }
  return ((performance.now() - started) * 1e6) / (rounds * views.length);
}

function report(name: string, ns: number): void {
  console.log(`${name.padEnd(58)} ${ns.toFixed(0).padStart(8)} ns`);
}

function benchIp(): void {
  const ranges = [
    ...Array.from({ length: 8000 }, () => `${ipv4()}/${8 + int(25)}`),
    ...Array.from({ length: 2000 }, () => `${ipv6()}/${32 + int(97)}`),
  ];
  const filter = createIpFilter({ mode: 'block', deny: ranges });
  if (filter === undefined) throw new Error('the IP filter was not created');
  const v4 = Array.from({ length: 10_000 }, () =>
    makeView('/', { clientIp: ipv4() }),
  );
  const v6 = Array.from({ length: 10_000 }, () =>
    makeView('/', { clientIp: ipv6() }),
  );
  const mapped = v4.map((view) => ({
    ...view,
    clientIp: `::ffff:${view.clientIp}`,
  }));
  report('ip, 10,000 ranges, IPv4 client', nsPerCall(v4, filter, 20));
  report('ip, 10,000 ranges, IPv6 client', nsPerCall(v6, filter, 20));
  report(
    'ip, 10,000 ranges, IPv4-mapped IPv6 client',
    nsPerCall(mapped, filter, 20),
  );

  // The linear scan that the per-prefix maps replace, for scale.
  const parsed = ranges.map((range) => ipaddr.parseCIDR(range));
  const sample = v4.slice(0, 200);
  const started = performance.now();
  for (const view of sample) {
    const address = ipaddr.process(view.clientIp ?? '');
    parsed.some(
      ([network, bits]) =>
        network.kind() === address.kind() && address.match(network, bits),
    );
  }
  report(
    'ip, linear scan of the same ranges (reference)',
    ((performance.now() - started) * 1e6) / sample.length,
  );
}

function benchRules(): void {
  const rules = Array.from({ length: 50 }, (_, index) => ({
    path: index % 2 === 0 ? `/area${index}/*` : `/items${index}/:id/detail`,
    action: 'block' as const,
  }));
  const filter = createRuleFilter({ mode: 'block', rules });
  if (filter === undefined) throw new Error('the rule filter was not created');
  const views = Array.from({ length: 1000 }, () =>
    makeView(`/api/v1/orders/${int(1e6)}/lines?expand=true`),
  );
  report(
    'rules, 50 rules, no match (all checked)',
    nsPerCall(views, filter, 50),
  );
  const encoded = views.map((view) => ({
    ...view,
    url: `/api/%761/./orders/../orders/${int(1e6)}`,
  }));
  report(
    'rules, 50 rules, encoded path with dot segments',
    nsPerCall(encoded, filter, 50),
  );
}

function benchMemoryRateLimit(): void {
  const filter = createRateLimitFilter({
    mode: 'block',
    limits: [{ by: 'ip', capacity: 1000, refillPerSecond: 1000 }],
  });
  if (filter === undefined)
    throw new Error('the rate-limit filter was not created');
  const views = Array.from({ length: 5000 }, () =>
    makeView('/', { clientIp: ipv4() }),
  );
  report(
    'rateLimit, memory store, 5,000 clients',
    nsPerCall(views, filter, 40),
  );
  void filter.close();
}

async function benchRedisRateLimit(): Promise<void> {
  const redis = await RedisServer.start();
  const filter = createRateLimitFilter({
    mode: 'block',
    limits: [
      {
        by: 'ip',
        capacity: 1e6,
        refillPerSecond: 1e6,
        store: 'redis',
        redisUrl: redis.url,
      },
    ],
  });
  try {
    if (filter === undefined)
      throw new Error('the rate-limit filter was not created');
    await filter.ready(5000);
    const views = Array.from({ length: 2000 }, () =>
      makeView('/', { clientIp: ipv4() }),
    );
    const durations: number[] = [];
    for (const view of views) {
      const started = performance.now();
      await filter.check(view);
      durations.push((performance.now() - started) * 1e6);
    }
    durations.sort((a, b) => a - b);
    report(
      'rateLimit, redis store on 127.0.0.1, sequential, p50',
      durations[1000],
    );
    report(
      'rateLimit, redis store on 127.0.0.1, sequential, p99',
      durations[1980],
    );
  } finally {
    await filter?.close();
    await redis.stop();
  }
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${process.platform} ${process.arch}`);
  benchIp();
  benchRules();
  benchMemoryRateLimit();
  await benchRedisRateLimit();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
