import { performance } from 'node:perf_hooks';
import type { AttackInput } from '../src';
import { inspectRequest, inspectValue } from '../src';

/** Median, minimum and maximum of repeated measurements. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)],
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

/**
 * Values per second and MB per second of `inspectValue`, all families, by
 * wall-clock time, and MB per second by the CPU time of this process.
 */
export function valueThroughput(
  values: string[],
  runs: number,
): {
  valuesPerSecond: Spread;
  megabytesPerSecond: Spread;
  cpuMegabytesPerSecond: Spread;
} {
  const bytes = values.reduce(
    (sum, value) => sum + Buffer.byteLength(value),
    0,
  );
  const perSecond: number[] = [];
  const megabytes: number[] = [];
  const cpuMegabytes: number[] = [];
  for (let run = 0; run < runs; run++) {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    for (const value of values) {
      inspectValue(value);
    }
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(startCpu);
    perSecond.push(values.length / seconds);
    megabytes.push(bytes / 1e6 / seconds);
    // Bytes per microsecond of CPU time are MB per second.
    cpuMegabytes.push(bytes / Math.max(1, used.user + used.system));
  }
  return {
    valuesPerSecond: spread(perSecond),
    megabytesPerSecond: spread(megabytes),
    cpuMegabytesPerSecond: spread(cpuMegabytes),
  };
}

/** Wall-clock and CPU microseconds per `inspectRequest` call. */
export interface RequestCost {
  wall: Spread;
  cpu: Spread;
}

/**
 * Microseconds per `inspectRequest` call on `request`, all families, as
 * wall-clock time and as CPU time of this process. CPU time leaves out the
 * time other processes hold the cores, which matters on a shared machine.
 */
export function requestCost(
  request: AttackInput,
  runs: number,
  callsPerRun: number,
): RequestCost {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < runs; run++) {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    for (let call = 0; call < callsPerRun; call++) {
      inspectRequest(request);
    }
    wall.push(((performance.now() - start) * 1000) / callsPerRun);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / callsPerRun);
  }
  return { wall: spread(wall), cpu: spread(cpu) };
}

/** Bytes of the strings (values and keys) that a request holds. */
export function requestBytes(request: AttackInput): number {
  let bytes = 0;
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      bytes += Buffer.byteLength(value);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        bytes += Array.isArray(value) ? 0 : Buffer.byteLength(key);
        visit(child);
      }
    }
  };
  visit(request);
  return bytes;
}

/**
 * Builds a typical API request: a REST path, four query parameters, browser
 * headers, two cookies and a JSON body of about 1 KiB.
 */
export function typicalRequest(): AttackInput {
  const items = Array.from({ length: 6 }, (_, index) => ({
    sku: `SKU-${1000 + index}`,
    name: `Cotton shirt, size ${['S', 'M', 'L'][index % 3]}`,
    quantity: index + 1,
    price: 19.5 + index,
    note: "Gift wrap, please: it's for my brother's birthday.",
  }));
  return {
    path: '/api/v1/orders/ord_8f3k2j/items',
    query: {
      expand: 'customer',
      page: '2',
      sort: '-created_at',
      q: 'blue shirt',
    },
    headers: {
      host: 'shop.example.com',
      'user-agent':
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
      referer: 'https://shop.example.com/cart?step=2',
      accept: 'application/json',
      'content-type': 'application/json',
    },
    cookies: { session: 's%3A4f9a8b7c6d5e', theme: 'dark' },
    body: {
      customer: { id: 'cus_123', email: 'ana@example.com' },
      shipping: { street: '12 Rue de la Paix', city: 'Paris', zip: '75002' },
      items,
    },
  };
}
