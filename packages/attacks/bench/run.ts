import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'prettier';
import { detection, falsePositives } from './accuracy';
import { loadCrs, loadLibinjection } from './corpus';
import { falsePositiveList, formatSpread, tallyTable } from './report';
import { requestCost, typicalRequest, valueThroughput } from './throughput';

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

function measure(corpus: string, runs: number): string[] {
  const load = loadavg()[0]?.toFixed(1) ?? 'unknown';
  const libinjection = loadLibinjection(join(corpus, 'libinjection'));
  const crs = loadCrs(join(corpus, 'crs'));
  const samples = [...libinjection, ...crs];
  const benign = falsePositives(samples);
  const values = libinjection.map((sample) => sample.value as string);
  const speed = valueThroughput(values, runs);
  const cost = requestCost(typicalRequest(), runs, 2000);
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
    `Median (min to max) of ${runs} runs, all families.`,
    '',
    '| measure | result |',
    '| --- | ---: |',
    `| values per second, ${values.length} libinjection lines | ${formatSpread(speed.valuesPerSecond, 0)} |`,
    `| MB per second, same lines | ${formatSpread(speed.megabytesPerSecond, 2)} |`,
    `| µs per typical request (1 KiB JSON body) | ${formatSpread(cost, 1)} |`,
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
