// Renders the memory soak as the Markdown section of docs/benchmarks.md.
import { machineMarkdown } from './machine.mjs';

/** Largest growth from the first to the last minute still called flat. */
const FLAT_GROWTH_FRACTION = 0.1;
/** Largest RSS slope after the first minute still called flat, in MiB per minute. */
const FLAT_SLOPE_MIB_PER_MINUTE = 1;
const TABLE_EVERY_SECONDS = 30;

const mebibytes = (bytes) => (bytes / 2 ** 20).toFixed(1);

/** Returns the soak section: setup, verdict and an RSS series. */
export function soakMarkdown(soak, settings, machine) {
  const growth = soak.lastMinuteMeanBytes / soak.firstMinuteMeanBytes - 1;
  const flat =
    growth <= FLAT_GROWTH_FRACTION &&
    soak.slopeMiBPerMinute !== null &&
    soak.slopeMiBPerMinute <= FLAT_SLOPE_MIB_PER_MINUTE;
  return [
    soak.variant === 'Tracegate default'
      ? '## Memory soak'
      : `## Memory soak, ${soak.variant}`,
    '',
    machineMarkdown(machine, settings.command),
    `- Load: ${soak.scenario} against ${soak.variant} for ${settings.soakMinutes} min, unthrottled over ${settings.throughputConnections} connections; RSS (VmRSS) sampled every 5 s`,
    '',
    `The app served ${soak.load.requests} requests (${soak.load.requestsPerSecond.toFixed(0)} req/s, ${soak.load.failures} failures). Mean RSS was ${mebibytes(soak.firstMinuteMeanBytes)} MiB in the first minute and ${mebibytes(soak.lastMinuteMeanBytes)} MiB in the last (${(growth * 100).toFixed(1)}% change); the least-squares slope after the first minute was ${soak.slopeMiBPerMinute?.toFixed(2) ?? 'n/a'} MiB/min; peak RSS (VmHWM) was ${mebibytes(soak.load.peakRssBytes)} MiB.`,
    '',
    `RSS counts as flat when the last minute is at most ${FLAT_GROWTH_FRACTION * 100}% above the first and the slope is at most ${FLAT_SLOPE_MIB_PER_MINUTE} MiB/min. Result: ${flat ? 'flat, so the goal of no RSS growth was met' : 'not flat, so the goal of no RSS growth was not met'}.`,
    '',
    '| time s | RSS MiB |',
    '| ---: | ---: |',
    ...seriesRows(soak.samples),
  ].join('\n');
}

function seriesRows(samples) {
  const rows = [];
  let nextSeconds = 0;
  for (const sample of samples) {
    if (sample.seconds + 0.5 < nextSeconds) continue;
    rows.push(
      `| ${sample.seconds.toFixed(0)} | ${mebibytes(sample.rssBytes)} |`,
    );
    nextSeconds = sample.seconds + TABLE_EVERY_SECONDS;
  }
  return rows;
}
