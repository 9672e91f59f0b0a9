// HTTP load client, run in its own process by the benchmark runner.
// node bench/load-http.mjs '<json>' where the JSON has url, method, headers,
// body, connections, rate (requests per second in total, 0 for no limit)
// and durationSeconds. Prints one JSON line with the result.
import autocannon from 'autocannon';
import { LatencyRecorder } from './lib/latency.mjs';

const config = JSON.parse(process.argv[2]);
const latencies = new LatencyRecorder();
let failedResponses = 0;

const startedAt = process.hrtime.bigint();
const instance = autocannon({
  url: config.url,
  method: config.method,
  headers: config.headers,
  body: config.body,
  connections: config.connections,
  overallRate: config.rate > 0 ? config.rate : undefined,
  duration: config.durationSeconds,
});
// autocannon's own histogram keeps whole milliseconds, too coarse for
// sub-millisecond differences, so response times come from its event.
instance.on('response', (client, statusCode, bytes, responseTimeMs) => {
  if (statusCode >= 200 && statusCode < 300) latencies.record(responseTimeMs);
  else failedResponses += 1;
});
const result = await instance;
const elapsedSeconds = Number(process.hrtime.bigint() - startedAt) / 1e9;

console.log(
  JSON.stringify({
    requests: latencies.count,
    requestsPerSecond: latencies.count / elapsedSeconds,
    ...latencies.summary(),
    failures: failedResponses + result.errors + result.timeouts,
  }),
);
