import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'prettier';
import { detection, falsePositives } from './accuracy';
import type { Sample } from './corpus';
import { loadCrs, loadLibinjection } from './corpus';
import { falsePositiveList, formatSpread, tallyTable } from './report';
import type { Spread } from './throughput';
import {
  requestBytes,
  requestCost,
  typicalRequest,
  valueThroughput,
} from './throughput';

// Applies a decreasing function, such as bytes per time, to a spread.
function mapSpread(spread: Spread, apply: (value: number) => number): Spread {
  return {
    median: apply(spread.median),
    min: apply(spread.max),
    max: apply(spread.min),
  };
}

// Measures detection and false-positive rates of @tracegate/attacks on the
// libinjection lists and the CRS regression tests, and its throughput,
// then prints the results as Markdown and writes them into the measured
// section of docs/attacks.md.
// Usage: node dist/bench/run.js [--corpus DIR] [--doc FILE] [--runs N]

const REPOSITORY = resolve(__dirname, '..', '..', '..', '..');
const START_MARK = '<!-- measured:start -->';
const END_MARK = '<!-- measured:end -->';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
}

function positiveInteger(name: string, fallback: number): number {
  const value = Number(option(name));
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function linesOf(samples: Sample[]): string[] {
  return samples.map((sample) => sample.value as string);
}

/** Measures throughput and returns the Markdown table with its caption. */
function throughputLines(libinjection: Sample[], runs: number): string[] {
  const values = linesOf(libinjection);
  const attackValues = linesOf(libinjection.filter((line) => line.positive));
  const benignValues = linesOf(libinjection.filter((line) => !line.positive));
  const speed = valueThroughput(values, runs);
  const attackSpeed = valueThroughput(attackValues, runs);
  const benignSpeed = valueThroughput(benignValues, runs * 20);

  const request = typicalRequest();
  const cost = requestCost(request, runs * 3, 5000);
  const requestMegabytes = (micros: number): number =>
    requestBytes(request) / micros;
  return [
    `Median (min to max) of ${runs} runs (${runs * 20} for the benign lines, ${runs * 3} of 5000 calls for the request), all families. CPU time counts only this process, so it is the steadier figure on a shared machine.`,
    '',
    '| measure | result |',
    '| --- | ---: |',
    `| values per second, ${values.length} libinjection lines | ${formatSpread(speed.valuesPerSecond, 0)} |`,
    `| MB per second, same lines | ${formatSpread(speed.megabytesPerSecond, 2)} |`,
    `| MB per second, ${attackValues.length} attack lines | ${formatSpread(attackSpeed.megabytesPerSecond, 2)} |`,
    `| MB per second of CPU time, same attack lines | ${formatSpread(attackSpeed.cpuMegabytesPerSecond, 2)} |`,
    `| MB per second, ${benignValues.length} benign lines (false_positives.txt) | ${formatSpread(benignSpeed.megabytesPerSecond, 2)} |`,
    `| MB per second of CPU time, same benign lines | ${formatSpread(benignSpeed.cpuMegabytesPerSecond, 2)} |`,
    `| µs per typical request (1 KiB JSON body), wall clock | ${formatSpread(cost.wall, 1)} |`,
    `| µs per typical request, CPU time | ${formatSpread(cost.cpu, 1)} |`,
    `| MB per second, typical request strings (${requestBytes(request)} bytes) | ${formatSpread(mapSpread(cost.wall, requestMegabytes), 2)} |`,
  ];
}

function measure(corpus: string, runs: number): string[] {
  const load = loadavg()[0]?.toFixed(1) ?? 'unknown';
  const libinjection = loadLibinjection(join(corpus, 'libinjection'));
  const crs = loadCrs(join(corpus, 'crs'));
  const samples = [...libinjection, ...crs];
  const benign = falsePositives(samples);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return [
    `Measured by \`npm run bench:attacks\` on ${cpu} (${cpus().length} cores, load average ${load} at the start), Node ${process.version}. Corpus: ${libinjection.length} libinjection lines and ${crs.length} CRS test stages.`,
    '',
    '### Detection on the attack sets',
    '',
    ...tallyTable(detection(samples), 'detected'),
    '',
    '### False positives on the benign sets',
    '',
    ...tallyTable(benign.rows, 'flagged'),
    '',
    falsePositiveList(benign.flagged)[0],
    '',
    '### Throughput',
    '',
    ...throughputLines(libinjection, runs),
  ];
}

// The page is formatted with prettier because `npm run lint` checks every
// Markdown file with it.
async function writeDoc(file: string, lines: string[]): Promise<void> {
  const section = [START_MARK, ...lines, END_MARK].join('\n');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const start = current.indexOf(START_MARK);
  const end = current.indexOf(END_MARK);
  const updated =
    start >= 0 && end > start
      ? current.slice(0, start) + section + current.slice(end + END_MARK.length)
      : `${current}${current.endsWith('\n') || current === '' ? '' : '\n'}\n## Measured\n\n${section}\n`;
  writeFileSync(file, await format(updated, { parser: 'markdown' }));
}

async function main(): Promise<void> {
  const corpus = resolve(
    REPOSITORY,
    option('corpus') ?? join('..', 'shared', 'corpus', 'attacks'),
  );
  const doc = resolve(REPOSITORY, option('doc') ?? join('docs', 'attacks.md'));
  if (!existsSync(corpus)) {
    console.error(
      `corpus directory ${corpus} not found: pass --corpus DIR with the libinjection and crs folders`,
    );
    process.exitCode = 1;
    return;
  }
  const lines = measure(corpus, positiveInteger('runs', 5));
  console.log(lines.join('\n'));
  await writeDoc(doc, lines);
  console.log(`\nwritten to ${doc}`);
}

main().catch((error: unknown) => {
  console.error('attack benchmark failed:', error);
  process.exitCode = 1;
});
