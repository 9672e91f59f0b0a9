// The side-by-side overhead run: every variant on every scenario, in rounds.
import { measureCell } from './measure.mjs';
import { startBenchReceiver } from './receiver-process.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { median } from './stats.mjs';
import { VARIANTS } from './variants.mjs';

/**
 * Runs `settings.rounds` rounds. Each round measures every variant once per
 * scenario, with the variant order rotated between rounds and scenarios so
 * that drift of a shared machine hits every variant alike.
 */
export async function runOverhead(settings, log) {
  const receiver = await startBenchReceiver();
  const rows = [];
  let spanCounts;
  try {
    for (let round = 0; round < settings.rounds; round += 1) {
      for (const [index, scenario] of SCENARIOS.entries()) {
        for (const variant of rotate(VARIANTS, round + index)) {
          log(
            `round ${round + 1}/${settings.rounds}: ${scenario.name}, ${variant.name}`,
          );
          const row = await measureCell(
            scenario,
            variant,
            receiver.url,
            settings,
          );
          rows.push({ ...row, round });
          log(`  ${formatRow(row)}`);
        }
      }
    }
  } finally {
    spanCounts = await receiver.stop();
  }
  return { rows, spanCounts, summary: summarise(rows) };
}

function rotate(items, offset) {
  const shift = offset % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

function formatRow(row) {
  return [
    `${row.requestsPerSecond.toFixed(0)} req/s`,
    `p50 ${row.p50Ms?.toFixed(3)} ms`,
    `p99 ${row.p99Ms?.toFixed(3)} ms`,
    `${row.cpuMicrosPerRequest.toFixed(0)} µs CPU/req`,
    `${(row.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
    `${row.failures} failures`,
  ].join(', ');
}

/**
 * Reduces the rows to one entry per scenario and variant: medians over
 * rounds, and ratios taken within each round before the median.
 */
export function summarise(rows) {
  const entries = [];
  for (const scenario of SCENARIOS) {
    const ofScenario = rows.filter((row) => row.scenario === scenario.name);
    for (const variant of VARIANTS) {
      const own = ofScenario.filter((row) => row.variant === variant.id);
      if (own.length === 0) continue;
      const against = (baseline, field) =>
        median(
          own.map((row) => {
            const base = ofScenario.find(
              (other) =>
                other.variant === baseline && other.round === row.round,
            );
            return base === undefined ? NaN : row[field] / base[field];
          }),
        );
      const p99AddedOverOtelMs = median(
        own.map((row) => {
          const base = ofScenario.find(
            (other) => other.variant === 'otel' && other.round === row.round,
          );
          return base === undefined ? NaN : row.p99Ms - base.p99Ms;
        }),
      );
      entries.push({
        scenario: scenario.name,
        variant: variant.id,
        rounds: own.length,
        requestsPerSecond: median(own.map((row) => row.requestsPerSecond)),
        p50Ms: median(own.map((row) => row.p50Ms)),
        p99Ms: median(own.map((row) => row.p99Ms)),
        latencyRate: median(own.map((row) => row.latencyRate)),
        cpuMicrosPerRequest: median(own.map((row) => row.cpuMicrosPerRequest)),
        peakRssBytes: median(own.map((row) => row.peakRssBytes)),
        failures: own.reduce((sum, row) => sum + row.failures, 0),
        throughputVsNone: against('none', 'requestsPerSecond'),
        throughputVsOtel: against('otel', 'requestsPerSecond'),
        p99VsNone: against('none', 'p99Ms'),
        p99VsOtel: against('otel', 'p99Ms'),
        cpuVsNone: against('none', 'cpuMicrosPerRequest'),
        cpuVsOtel: against('otel', 'cpuMicrosPerRequest'),
        p99AddedOverOtelMs,
      });
    }
  }
  return entries;
}
