// Renders the overhead run as the Markdown section of docs/benchmarks.md.
import { machineMarkdown } from './machine.mjs';
import { variantById, VARIANTS } from './variants.mjs';

/** Tracegate's throughput goal, as a fraction of plain OpenTelemetry's. */
const THROUGHPUT_GOAL = 0.95;
/** Tracegate's p99 latency goal, in milliseconds added over plain OpenTelemetry. */
const P99_GOAL_MS = 0.5;

const number = (value, digits) =>
  value === null || value === undefined ? 'n/a' : value.toFixed(digits);
const ratio = (value) => (value === null ? 'n/a' : `${value.toFixed(2)}×`);

/** Returns the overhead section: setup, tables, goals and span counts. */
export function overheadMarkdown({ summary, spanCounts }, settings, machine) {
  return [
    '## Overhead',
    '',
    machineMarkdown(machine, settings.command),
    `- Rounds: ${settings.rounds}; per app process ${settings.warmupSeconds} s warm-up, ${settings.latencySeconds} s at ${settings.rate} requests/s over ${settings.latencyConnections} connection, ${settings.throughputSeconds} s unthrottled over ${settings.throughputConnections} connections`,
    '',
    'The machine was shared with other engineers running builds and tests',
    'during the run, so absolute numbers are noisy. The ratios are taken',
    'within each round, where every variant ran minutes apart at most, and',
    'then the median over rounds is reported.',
    '',
    'The variant "Tracegate with blocking filters" runs every built-in filter',
    'in block mode (IP deny list, a path rule, a per-IP rate limit in memory,',
    'attack detection at both stages) with rules the load never matches, so',
    'every request pays for every check and none is answered early.',
    '',
    '### Absolute numbers (median over rounds)',
    '',
    absoluteTable(summary),
    '',
    '### Ratios (median of the per-round ratios)',
    '',
    'Throughput ratios above 1 are better; CPU and p99 ratios below 1 are',
    'better.',
    '',
    ratioTable(summary),
    '',
    '### Goals',
    '',
    goalsMarkdown(summary),
    '',
    `Spans received by the benchmark receiver: ${spanCountText(spanCounts)}.`,
  ].join('\n');
}

function absoluteTable(summary) {
  const header = [
    '| scenario | variant | req/s (unthrottled) | p50 ms | p99 ms | CPU µs/req | peak RSS MiB | failures |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const lines = summary.map((entry) =>
    [
      entry.scenario,
      variantById(entry.variant).name,
      number(entry.requestsPerSecond, 0),
      number(entry.p50Ms, 3),
      number(entry.p99Ms, 3),
      number(entry.cpuMicrosPerRequest, 0),
      number(entry.peakRssBytes / 2 ** 20, 0),
      String(entry.failures),
    ].join(' | '),
  );
  return [...header, ...lines.map((line) => `| ${line} |`)].join('\n');
}

function ratioTable(summary) {
  const header = [
    '| scenario | variant | req/s vs none | req/s vs OTel | p99 vs none | p99 vs OTel | CPU vs none | CPU vs OTel |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const lines = summary
    .filter((entry) => entry.variant !== 'none')
    .map((entry) =>
      [
        entry.scenario,
        variantById(entry.variant).name,
        ratio(entry.throughputVsNone),
        ratio(entry.throughputVsOtel),
        ratio(entry.p99VsNone),
        ratio(entry.p99VsOtel),
        ratio(entry.cpuVsNone),
        ratio(entry.cpuVsOtel),
      ].join(' | '),
    );
  return [...header, ...lines.map((line) => `| ${line} |`)].join('\n');
}

function goalsMarkdown(summary) {
  const tracegate = summary.filter((entry) => entry.variant === 'tracegate');
  const header = [
    `Goals for Tracegate with capture and redaction: at least ${THROUGHPUT_GOAL * 100}% of plain OpenTelemetry's throughput, and less than ${P99_GOAL_MS} ms of p99 latency added over plain OpenTelemetry at the fixed rate. A third goal, no RSS growth in the soak, is in the soak section.`,
    '',
    '| scenario | throughput vs OTel | met | p99 added over OTel | met |',
    '| --- | ---: | --- | ---: | --- |',
  ];
  const lines = tracegate.map((entry) => {
    const throughputMet = entry.throughputVsOtel >= THROUGHPUT_GOAL;
    const latencyMet = entry.p99AddedOverOtelMs < P99_GOAL_MS;
    return `| ${entry.scenario} | ${number(entry.throughputVsOtel * 100, 1)}% | ${throughputMet ? 'yes' : 'no'} | ${number(entry.p99AddedOverOtelMs, 3)} ms | ${latencyMet ? 'yes' : 'no'} |`;
  });
  const metCount = tracegate.filter(
    (entry) =>
      entry.throughputVsOtel >= THROUGHPUT_GOAL &&
      entry.p99AddedOverOtelMs < P99_GOAL_MS,
  ).length;
  return [
    ...header,
    ...lines,
    '',
    `Both goals met in ${metCount} of ${tracegate.length} scenarios.`,
  ].join('\n');
}

function spanCountText(spanCounts) {
  const parts = VARIANTS.map(
    (variant) => `${variant.name} ${spanCounts[`bench-${variant.id}`] ?? 0}`,
  );
  return parts.join(', ');
}
