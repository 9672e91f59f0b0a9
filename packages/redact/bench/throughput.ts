import type { Redactor } from '../src';

/** Median and range of repeated measurements. */
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

/** Runs `work` repeatedly for about `milliseconds` and returns the calls per second. */
function callsPerSecond(work: () => void, milliseconds: number): number {
  let calls = 0;
  const started = process.hrtime.bigint();
  const budget = BigInt(milliseconds) * 1_000_000n;
  let elapsed: bigint;
  do {
    for (let i = 0; i < 16; i++) {
      work();
    }
    calls += 16;
    elapsed = process.hrtime.bigint() - started;
  } while (elapsed < budget);
  return calls / (Number(elapsed) / 1e9);
}

/**
 * Measures JSON redaction throughput in MB/s (10^6 characters of JSON per
 * second) over `runs` runs of about 200 ms each, after a warm-up run.
 */
export function jsonThroughput(
  redactor: Redactor,
  body: string,
  runs: number,
): Spread {
  const work = (): void => {
    redactor.json(body);
  };
  callsPerSecond(work, 300);
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) {
    rates.push((callsPerSecond(work, 200) * body.length) / 1e6);
  }
  return spread(rates);
}

/** A request as the HTTP capture redacts it: headers, URL and bodies. */
export interface SampleRequest {
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly url: string;
  readonly requestBody: string;
  readonly responseBody: string;
}

/** Measures the microseconds that redacting one request (headers, URL, both bodies) takes. */
export function requestCost(
  redactor: Redactor,
  request: SampleRequest,
  runs: number,
): Spread {
  const work = (): void => {
    const sink = (): void => undefined;
    for (const [name, value] of request.headers) {
      redactor.header(name, value, sink);
    }
    redactor.url(request.url, sink);
    redactor.body(request.requestBody, 'application/json', sink);
    redactor.body(request.responseBody, 'application/json', sink);
  };
  callsPerSecond(work, 300);
  const costs: number[] = [];
  for (let run = 0; run < runs; run++) {
    costs.push(1e6 / callsPerSecond(work, 200));
  }
  return spread(costs);
}
