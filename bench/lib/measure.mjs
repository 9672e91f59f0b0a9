// Measures one variant on one scenario in a fresh server process.
import { startListeningProcess } from './child-process.mjs';
import { runLoad } from './load.mjs';
import { readCpuSeconds, readStatusBytes } from './proc-stats.mjs';

/**
 * Environment of an app process. Every variant gets the same variables, so
 * the instrumented ones export to the benchmark receiver and nowhere else.
 */
export function appEnvironment(variant, receiverUrl) {
  return {
    OTEL_SERVICE_NAME: `bench-${variant.id}`,
    OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_LOGS_EXPORTER: 'none',
    ...variant.env,
  };
}

/** Starts the scenario's app under the variant and resolves with its port. */
export async function startApp(scenario, variant, receiverUrl, nodeArgs = []) {
  const app = await startListeningProcess(
    `${scenario.app} under ${variant.name}`,
    [...variant.nodeArgs, ...nodeArgs, `bench/apps/${scenario.app}`],
    appEnvironment(variant, receiverUrl),
  );
  const port = Number(/port=(\d+)/.exec(app.details)?.[1]);
  if (!Number.isInteger(port) || port <= 0) {
    await app.stop();
    throw new Error(`${scenario.app} printed no port: ${app.details}`);
  }
  return { ...app, port };
}

/**
 * Runs warm-up, the fixed-rate latency phase and the unthrottled throughput
 * phase against a new app process, and resolves with one result row.
 */
export async function measureCell(scenario, variant, receiverUrl, settings) {
  const app = await startApp(scenario, variant, receiverUrl);
  const pid = app.child.pid;
  try {
    await runLoad(scenario, app.port, {
      connections: settings.throughputConnections,
      rate: 0,
      durationSeconds: settings.warmupSeconds,
    });
    const latency = await runLoad(scenario, app.port, {
      connections: settings.latencyConnections,
      rate: settings.rate,
      durationSeconds: settings.latencySeconds,
    });
    const cpuBefore = readCpuSeconds(pid);
    const throughput = await runLoad(scenario, app.port, {
      connections: settings.throughputConnections,
      rate: 0,
      durationSeconds: settings.throughputSeconds,
    });
    const cpuSeconds = readCpuSeconds(pid) - cpuBefore;
    return {
      scenario: scenario.name,
      variant: variant.id,
      requestsPerSecond: throughput.requestsPerSecond,
      cpuMicrosPerRequest: (cpuSeconds * 1e6) / throughput.requests,
      latencyRate: latency.requestsPerSecond,
      p50Ms: latency.p50Ms,
      p99Ms: latency.p99Ms,
      peakRssBytes: readStatusBytes(pid, 'VmHWM'),
      failures: latency.failures + throughput.failures,
    };
  } finally {
    await app.stop();
  }
}
