import type { Redactor } from '../src';
import type { JsonEngine } from '../src/json';
import { jsonEngine, setJsonEngine } from '../src/json';

/** CPU microseconds per call: the best batch and the median batch. */
export interface CpuTimes {
  readonly best: number;
  readonly median: number;
}

const ENGINES: readonly JsonEngine[] = ['javascript', 'wasm'];
const WARM_UP_CALLS = 30;
// A 1 KiB body needs far more than 30 calls before V8 has optimized the
// code it runs, so each engine also warms up for this long.
const WARM_UP_MILLISECONDS = 200;
const CALLS_PER_BATCH = 10;

function summarize(perCall: number[]): CpuTimes {
  const sorted = [...perCall].sort((a, b) => a - b);
  return { best: sorted[0], median: sorted[Math.floor(sorted.length / 2)] };
}

/** Returns the CPU microseconds per call of `work`, best and median of `batches` batches. */
export function cpuTime(work: () => void, batches: number): CpuTimes {
  for (let i = 0; i < WARM_UP_CALLS; i++) {
    work();
  }
  const perCall: number[] = [];
  for (let batch = 0; batch < batches; batch++) {
    const started = process.cpuUsage();
    for (let i = 0; i < CALLS_PER_BATCH; i++) {
      work();
    }
    const used = process.cpuUsage(started);
    perCall.push((used.user + used.system) / CALLS_PER_BATCH);
  }
  return summarize(perCall);
}

/**
 * Measures `Redactor.json` on `body` with each JSON engine, in CPU
 * microseconds per call. The engines take turns batch by batch, so load
 * from other processes slows both alike.
 */
export function engineCpuTimes(
  redactor: Redactor,
  body: string,
  batches: number,
): Record<JsonEngine, CpuTimes> {
  const selected = jsonEngine();
  const perCall: Record<JsonEngine, number[]> = { javascript: [], wasm: [] };
  try {
    for (const engine of ENGINES) {
      setJsonEngine(engine);
      const started = Date.now();
      let calls = 0;
      while (
        calls < WARM_UP_CALLS ||
        Date.now() - started < WARM_UP_MILLISECONDS
      ) {
        redactor.json(body);
        calls++;
      }
    }
    for (let batch = 0; batch < batches; batch++) {
      for (const engine of ENGINES) {
        setJsonEngine(engine);
        const started = process.cpuUsage();
        for (let i = 0; i < CALLS_PER_BATCH; i++) {
          redactor.json(body);
        }
        const used = process.cpuUsage(started);
        perCall[engine].push((used.user + used.system) / CALLS_PER_BATCH);
      }
    }
  } finally {
    setJsonEngine(selected);
  }
  return {
    javascript: summarize(perCall.javascript),
    wasm: summarize(perCall.wasm),
  };
}

/** Formats CPU times as `best / median` microseconds with the MB/s of each. */
export function formatCpuTimes(times: CpuTimes, characters: number): string {
  const rate = (micros: number): string => (characters / micros).toFixed(0);
  return `${times.best.toFixed(0)} (${rate(times.best)}) / ${times.median.toFixed(0)} (${rate(times.median)})`;
}
