// Runs one load phase against a scenario's app from a separate process.
import { runToCompletion } from './child-process.mjs';

/**
 * Sends load to the app on `port` for `durationSeconds`: `connections`
 * concurrent connections (gRPC: calls in flight) and `rate` requests per
 * second in total, 0 for no limit. Resolves with requests, requestsPerSecond,
 * p50Ms, p99Ms and failures.
 */
export async function runLoad(scenario, port, phase) {
  const common = {
    connections: phase.connections,
    rate: phase.rate,
    durationSeconds: phase.durationSeconds,
  };
  const line =
    scenario.protocol === 'grpc'
      ? await runToCompletion('gRPC load client', [
          'bench/load-grpc.mjs',
          JSON.stringify({ ...common, address: `127.0.0.1:${port}` }),
        ])
      : await runToCompletion('HTTP load client', [
          'bench/load-http.mjs',
          JSON.stringify({
            ...common,
            url: `http://127.0.0.1:${port}${scenario.request.path}`,
            method: scenario.request.method,
            headers: scenario.request.headers,
            body: scenario.request.body,
          }),
        ]);
  return JSON.parse(line);
}
