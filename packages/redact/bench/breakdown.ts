import { DEFAULT_SENSITIVE_KEYS, Redactor } from '../src';
import { DetectorSet } from '../src/detector-set';
import { releaseLowerCase } from '../src/detectors/detector';
import { buildDetectors } from '../src/detectors/registry';
import { KeyRules } from '../src/key-rules';
import { orderListOfSize, payloadOfSize } from './payloads';
import { seededRandom } from './samples';

// Prints where the time of `Redactor.json` goes on the 64 KiB bodies of
// `npm run bench:redact`, in CPU microseconds per call. The parts are the
// whole call, the detector passes over the document, the structural scan
// alone and each detector alone. CPU time keeps the figures steadier than
// wall time on a shared machine, though other processes still slow them
// through the caches.
// Usage: node dist/bench/breakdown.js [--batches N] [--seed N]

const WARM_UP_CALLS = 30;
const CALLS_PER_BATCH = 10;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index < 0 ? Number.NaN : Number(process.argv[index + 1]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Returns the minimum and median CPU microseconds per call of `work`. */
function cpuTime(work: () => void, batches: number): [number, number] {
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
  perCall.sort((a, b) => a - b);
  return [perCall[0], perCall[Math.floor(perCall.length / 2)]];
}

function row(name: string, times: [number, number]): string {
  return `| ${name} | ${times[0].toFixed(0)} | ${times[1].toFixed(0)} |`;
}

function main(): void {
  const batches = option('batches', 25);
  const random = seededRandom(option('seed', 20260101));
  // The same bodies as the throughput table, built in the same order.
  payloadOfSize(random, 1024);
  const labelled = payloadOfSize(random, 65536);
  orderListOfSize(random, 1024);
  const orders = orderListOfSize(random, 65536);

  const redactor = new Redactor();
  const structureOnly = new Redactor({ detectors: [] });
  const detectors = buildDetectors(
    undefined,
    new KeyRules(DEFAULT_SENSITIVE_KEYS, []),
  );
  const set = new DetectorSet(detectors);

  for (const [name, body] of [
    ['64 KiB labelled payloads', labelled],
    ['64 KiB order list', orders],
  ]) {
    console.log(`### ${name}\n`);
    console.log('| part | µs, min | µs, median |');
    console.log('| --- | ---: | ---: |');
    console.log(
      row(
        '`Redactor.json`',
        cpuTime(() => redactor.json(body), batches),
      ),
    );
    console.log(
      row(
        'detector passes over the document',
        cpuTime(() => set.collect(body, undefined, true), batches),
      ),
    );
    console.log(
      row(
        'structural scan, no detectors',
        cpuTime(() => structureOnly.json(body), batches),
      ),
    );
    console.log(
      row(
        '`JSON.parse`, for scale',
        cpuTime(() => {
          JSON.parse(body);
        }, batches),
      ),
    );
    // Alone, a detector keeps its caches warm, so these figures are lower
    // than its share of the passes above.
    for (const detector of detectors) {
      if (detector.needsSeparator === true) {
        continue;
      }
      const alone = cpuTime(() => {
        detector.scan(body, [], undefined);
        releaseLowerCase();
      }, batches);
      console.log(row(`\`${detector.name}\` alone`, alone));
    }
    console.log('');
  }
}

main();
