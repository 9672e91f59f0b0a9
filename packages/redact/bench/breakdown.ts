import { DEFAULT_SENSITIVE_KEYS, Redactor } from '../src';
import { DetectorSet } from '../src/detector-set';
import { releaseLowerCase } from '../src/detectors/detector';
import { buildDetectors } from '../src/detectors/registry';
import { KeyRules } from '../src/key-rules';
import { setJsonEngine } from '../src/json';
import { loadScanner, writeText } from '../src/wasm-module';
import type { CpuTimes } from './engines';
import { cpuTime, engineCpuTimes } from './engines';
import { orderListOfSize, payloadOfSize } from './payloads';
import { seededRandom } from './samples';

// Prints where the time of `Redactor.json` goes on the 64 KiB bodies of
// `npm run bench:redact`, in CPU microseconds per call. The parts are the
// whole call with each JSON engine, the WebAssembly scan without the
// token work, the detector passes of the JavaScript scan over the
// document, its structural scan alone and each detector alone. CPU time keeps the figures steadier than
// wall time on a shared machine, though other processes still slow them
// through the caches.
// Usage: node dist/bench/breakdown.js [--batches N] [--seed N]

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index < 0 ? Number.NaN : Number(process.argv[index + 1]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Returns the CPU time of copying `body` into the scanner and scanning it, with callbacks that do nothing. */
function scanOnly(body: string, batches: number): CpuTimes {
  const scanner = loadScanner();
  if (scanner === undefined) {
    throw new Error('dist/wasm/scanner.wasm is missing: run `npm run build`');
  }
  scanner.callbacks = { keyRule: () => 0, token: () => 0 };
  try {
    return cpuTime(() => {
      writeText(scanner, body);
      scanner.exports.scan(body.length, 0);
    }, batches);
  } finally {
    scanner.callbacks = undefined;
  }
}

function row(name: string, times: CpuTimes): string {
  return `| ${name} | ${times.best.toFixed(0)} | ${times.median.toFixed(0)} |`;
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
    const engines = engineCpuTimes(redactor, body, batches);
    console.log(row('`Redactor.json`, JavaScript scan', engines.javascript));
    console.log(row('`Redactor.json`, WebAssembly scan', engines.wasm));
    console.log(
      row('WebAssembly copy and scan, no token work', scanOnly(body, batches)),
    );
    console.log(
      row(
        'detector passes over the document',
        cpuTime(() => set.collect(body, undefined, true), batches),
      ),
    );
    setJsonEngine('javascript');
    console.log(
      row(
        'JavaScript structural scan, no detectors',
        cpuTime(() => structureOnly.json(body), batches),
      ),
    );
    setJsonEngine('wasm');
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
