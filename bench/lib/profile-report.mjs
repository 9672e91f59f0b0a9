// Renders the CPU profiles as the Markdown section of docs/benchmarks.md.
import { machineMarkdown } from './machine.mjs';

const COMPONENTS_SHOWN = 10;
const percent = (share) => `${(share * 100).toFixed(1)}%`;

/** Returns the profile section: per scenario, components and functions. */
export function profileMarkdown(results, settings, machine) {
  const lines = [
    '## CPU profiles',
    '',
    machineMarkdown(machine, settings.command),
    `- Each scenario's app ran under plain OpenTelemetry and under Tracegate default with \`node --cpu-prof\`, 10 s of unthrottled load over ${settings.throughputConnections} connections each. The component tables give self time per request served while profiled, start-up included and idle time left out; the function tables give Tracegate's top functions by share of the sampled time, idle included. \`node bench/profile-summary.mjs bench/results/profiles/*.cpuprofile\` prints more.`,
  ];
  for (const result of results) {
    lines.push(
      '',
      `### ${result.scenario}`,
      '',
      componentTable(result.otel, result.tracegate),
      '',
      '| Tracegate function | self time |',
      '| --- | ---: |',
      ...result.tracegate.functions.map(
        (entry) => `| \`${tableCell(entry.name)}\` | ${percent(entry.share)} |`,
      ),
    );
  }
  return lines.join('\n');
}

function microsPerRequest(summary, component) {
  const entry = summary.components.find((item) => item.name === component);
  return entry === undefined ? 0 : (entry.selfMs * 1000) / summary.requests;
}

// Components ranked by what Tracegate spends on them per request, next to
// what plain OpenTelemetry spends on the same component.
function componentTable(otel, tracegate) {
  const names = tracegate.components
    .map((entry) => entry.name)
    .filter((name) => name !== 'idle')
    .slice(0, COMPONENTS_SHOWN);
  const rows = names.map((name) => {
    const otelMicros = microsPerRequest(otel, name);
    const tracegateMicros = microsPerRequest(tracegate, name);
    return `| ${name} | ${otelMicros.toFixed(0)} | ${tracegateMicros.toFixed(0)} | ${(tracegateMicros - otelMicros).toFixed(0)} |`;
  });
  const total = (summary) =>
    summary.components
      .filter((entry) => entry.name !== 'idle')
      .reduce((sum, entry) => sum + entry.selfMs, 0) *
    (1000 / summary.requests);
  return [
    '| component | OTel µs/req | Tracegate µs/req | difference |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    `| all but idle | ${total(otel).toFixed(0)} | ${total(tracegate).toFixed(0)} | ${(total(tracegate) - total(otel)).toFixed(0)} |`,
  ].join('\n');
}

// A function name can be a regular expression with `|` in it, which would
// end the Markdown table cell early.
function tableCell(text) {
  return text.replaceAll('|', '\\|');
}
