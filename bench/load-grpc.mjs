// gRPC load client for the unary call, run in its own process by the
// benchmark runner. node bench/load-grpc.mjs '<json>' where the JSON has
// address, connections (calls in flight), rate (calls per second in total,
// 0 for no limit) and durationSeconds. Prints one JSON line with the result.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { LatencyRecorder } from './lib/latency.mjs';

const require = createRequire(import.meta.url);
const grpc = require('@grpc/grpc-js');
const { orders } = require('./apps/orders-proto.cjs');

const config = JSON.parse(process.argv[2]);
const client = new orders.Orders(
  config.address,
  grpc.credentials.createInsecure(),
);
const latencies = new LatencyRecorder();
let failures = 0;

function callOnce(sequence) {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    client.getOrder({ order_id: `ord-${sequence}` }, (error) => {
      const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (error) failures += 1;
      else latencies.record(elapsedMs);
      resolve();
    });
  });
}

// Closed loop: each of `connections` workers starts a call when its last ends.
async function runUnlimited(deadline) {
  let sequence = 0;
  const worker = async () => {
    while (Date.now() < deadline) await callOnce((sequence += 1));
  };
  await Promise.all(Array.from({ length: config.connections }, worker));
}

// Open loop: calls start at even intervals, at most `connections` in flight.
async function runAtRate(deadline) {
  const intervalMs = 1000 / config.rate;
  const inFlight = new Set();
  let next = performance.now();
  let sequence = 0;
  while (Date.now() < deadline) {
    if (inFlight.size < config.connections) {
      const call = callOnce((sequence += 1)).then(() => inFlight.delete(call));
      inFlight.add(call);
    }
    next += intervalMs;
    await sleep(Math.max(0, next - performance.now()));
  }
  await Promise.all(inFlight);
}

await new Promise((resolve, reject) =>
  client.waitForReady(Date.now() + 5000, (error) =>
    error ? reject(error) : resolve(),
  ),
);
const startedAt = process.hrtime.bigint();
const deadline = Date.now() + config.durationSeconds * 1000;
if (config.rate > 0) await runAtRate(deadline);
else await runUnlimited(deadline);
const elapsedSeconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
client.close();

console.log(
  JSON.stringify({
    requests: latencies.count,
    requestsPerSecond: latencies.count / elapsedSeconds,
    ...latencies.summary(),
    failures,
  }),
);
