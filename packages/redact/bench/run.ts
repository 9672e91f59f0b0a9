import { cpus, loadavg, totalmem } from 'node:os';
import { Redactor } from '../src';
import type { Tallies } from './accuracy';
import { FIXTURE_PATH, measureFixture, measurePayloads } from './accuracy';
import { catalogOfSize, orderListOfSize, payloadOfSize } from './payloads';
import { seededRandom } from './samples';
import type { SampleRequest, Spread } from './throughput';
import { jsonThroughput, requestCost } from './throughput';
import { engineCpuTimes, formatCpuTimes } from './engines';

// Prints recall and false-positive rates of the redaction engine on the
// labelled fixture values and on generated API payloads, its JSON
// throughput and its cost per request, as Markdown for docs/redaction.md.
// Usage: node dist/bench/run.js [--payloads N] [--runs N] [--seed N]

const GOAL_MB_PER_SECOND = 100;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index < 0 ? Number.NaN : Number(process.argv[index + 1]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
}

function printTallies(tallies: Tallies): void {
  console.log(
    '| type | positives | detected | recall | negatives | flagged | false-positive rate |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const names = [...tallies.keys()].sort();
  for (const name of names) {
    const t = tallies.get(name);
    if (t === undefined) {
      continue;
    }
    console.log(
      `| ${name} | ${t.positives} | ${t.detected} | ${percent(t.detected, t.positives)} | ${t.negatives} | ${t.flagged} | ${percent(t.flagged, t.negatives)} |`,
    );
  }
  console.log('');
}

function formatSpread(value: Spread, digits: number): string {
  return `${value.median.toFixed(digits)} (${value.min.toFixed(digits)} to ${value.max.toFixed(digits)})`;
}

function sampleRequest(): SampleRequest {
  const random = seededRandom(7);
  return {
    headers: [
      ['host', 'api.example.com'],
      ['user-agent', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36'],
      ['accept', 'application/json'],
      ['content-type', 'application/json'],
      [
        'authorization',
        'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl',
      ],
      ['cookie', 'session=abc123; theme=dark'],
      ['x-request-id', '550e8400-e29b-41d4-a716-446655440000'],
      ['accept-encoding', 'gzip, br'],
      ['referer', 'https://app.example.com/checkout?step=2'],
      ['x-forwarded-for', '203.0.113.7'],
    ],
    url: '/v1/orders/ord_8f3k2j?expand=customer&access_token=t0k3n',
    requestBody: payloadOfSize(random, 1024),
    responseBody: payloadOfSize(random, 1024),
  };
}

/** Prints the CPU time per `Redactor.json` call of each JSON engine on the bodies of the throughput table. */
function printEngineTable(
  redactor: Redactor,
  seed: number,
  runs: number,
): void {
  console.log('### CPU time per call by engine\n');
  console.log(
    `CPU microseconds per \`Redactor.json\` call and MB/s, best and median of ${runs * 4} batches of 10 calls, the engines taking turns.\n`,
  );
  console.log(
    '| body | characters | JavaScript scan, µs (MB/s), best / median | WebAssembly scan, µs (MB/s), best / median |',
  );
  console.log('| --- | ---: | ---: | ---: |');
  // The same bodies as the throughput table, built in the same order.
  const random = seededRandom(seed);
  const bodies: Array<[string, string]> = [
    ['1 KiB labelled payloads', payloadOfSize(random, 1024)],
    ['64 KiB labelled payloads', payloadOfSize(random, 65536)],
    ['1 KiB order list', orderListOfSize(random, 1024)],
    ['64 KiB order list', orderListOfSize(random, 65536)],
    ['1 KiB catalog', catalogOfSize(random, 1024)],
    ['64 KiB catalog', catalogOfSize(random, 65536)],
  ];
  for (const [name, body] of bodies) {
    const times = engineCpuTimes(redactor, body, runs * 4);
    console.log(
      `| ${name} | ${body.length} | ${formatCpuTimes(times.javascript, body.length)} | ${formatCpuTimes(times.wasm, body.length)} |`,
    );
  }
  console.log('');
}

function main(): void {
  const payloads = option('payloads', 2000);
  const runs = option('runs', 9);
  const seed = option('seed', 20260101);
  const redactor = new Redactor();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log('## Measured\n');
  console.log(
    `- Machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(', ')} at start`,
  );
  console.log(`- Node.js ${process.version}, redaction on one thread`);
  console.log(
    `- Command: \`npm run bench:redact\` (payloads ${payloads}, runs ${runs}, seed ${seed})\n`,
  );

  console.log('### Labelled values\n');
  console.log(
    '`packages/redact/test/fixtures/values.jsonl`, each value redacted as text. SSNs without dashes and AWS secret keys are written after a word that names them.\n',
  );
  printTallies(measureFixture(redactor, FIXTURE_PATH));

  console.log('### Generated payloads\n');
  console.log(
    `${payloads} JSON payloads (orders, signups, payments, webhooks), each with two planted secrets and two look-alikes. Detected: a finding of the type names the field and the secret is gone. Flagged: the look-alike changed. IP addresses count as detected when classified.\n`,
  );
  printTallies(measurePayloads(redactor, seed, payloads));

  console.log('### Throughput\n');
  console.log(
    'Labelled payloads carry two secrets per record of about 600 characters. Order lists carry one e-mail address and one phone number per record of about 400 characters. Catalogs carry one e-mail address per 40 product records of about 450 characters.\n',
  );
  console.log('| body | characters | MB/s, median (min to max) |');
  console.log('| --- | ---: | ---: |');
  const random = seededRandom(seed);
  const large: Array<[string, number]> = [];
  const workloads: ReadonlyArray<readonly [string, (bytes: number) => string]> =
    [
      ['labelled payloads', (bytes) => payloadOfSize(random, bytes)],
      ['order list', (bytes) => orderListOfSize(random, bytes)],
      ['catalog', (bytes) => catalogOfSize(random, bytes)],
    ];
  for (const [name, build] of workloads) {
    for (const size of [1024, 65536]) {
      const body = build(size);
      const result = jsonThroughput(redactor, body, runs);
      if (size === 65536) {
        large.push([name, result.median]);
      }
      const label = size === 1024 ? '1 KiB' : '64 KiB';
      console.log(
        `| ${label} ${name} | ${body.length} | ${formatSpread(result, 1)} |`,
      );
    }
  }
  const verdicts = large.map(
    ([name, median]) =>
      `${name} ${median >= GOAL_MB_PER_SECOND ? 'met' : 'not met'}`,
  );
  console.log(
    `\nGoal of ${GOAL_MB_PER_SECOND} MB/s on 64 KiB bodies, by median: ${verdicts.join(', ')}.\n`,
  );
  printEngineTable(redactor, seed, runs);

  console.log('### Cost per request\n');
  const cost = requestCost(redactor, sampleRequest(), runs);
  console.log(
    `10 headers, a URL with a query and 1 KiB JSON request and response bodies: ${formatSpread(cost, 1)} µs per request.`,
  );
}

main();
