// Compares request latency of one Express 5 app under three setups: no
// tracing, OpenTelemetry's HTTP and Express instrumentations, and the same
// with TracegateExpressInstrumentation in place of the Express one. Each
// setup runs in a child process and sends REQUESTS sequential requests over
// a keep-alive connection to 127.0.0.1.
// Run after a build: node packages/express/scripts/measure-overhead.mjs
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const WARMUP = 500;
const REQUESTS = 5000;
const MODES = ['none', 'upstream', 'tracegate'];

function setUpTracing(mode) {
  if (mode === 'none') return;
  const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
  const {
    SimpleSpanProcessor,
    InMemorySpanExporter,
  } = require('@opentelemetry/sdk-trace-base');
  const {
    registerInstrumentations,
  } = require('@opentelemetry/instrumentation');
  const {
    HttpInstrumentation,
  } = require('@opentelemetry/instrumentation-http');
  const {
    ExpressInstrumentation,
  } = require('@opentelemetry/instrumentation-express');
  const { TracegateExpressInstrumentation } = require('../dist/src/index.js');

  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  provider.register();

  const express =
    mode === 'upstream'
      ? new ExpressInstrumentation()
      : new TracegateExpressInstrumentation();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [new HttpInstrumentation(), express],
  });

  // Keeps memory flat: finished spans are dropped as they arrive.
  setInterval(() => exporter.reset(), 200).unref();
}

async function runMode(mode) {
  setUpTracing(mode);
  const express = require('express');
  const http = require('node:http');

  const app = express();
  app.use(express.json());
  app.use((_req, _res, next) => next());
  const users = express.Router();
  users.get('/:id', function getUser(req, res) {
    res.json({ id: req.params.id });
  });
  app.use('/users', users);

  const server = http.createServer(app).listen(0, '127.0.0.1');
  await once(server, 'listening');

  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = `http://127.0.0.1:${server.address().port}/users/7`;
  const get = () =>
    new Promise((resolve, reject) => {
      http
        .get(url, { agent }, (response) => {
          response.resume();
          response.on('end', resolve);
        })
        .on('error', reject);
    });

  for (let index = 0; index < WARMUP; index++) await get();
  const started = performance.now();
  for (let index = 0; index < REQUESTS; index++) await get();
  const elapsed = performance.now() - started;
  agent.destroy();
  server.close();
  return (elapsed * 1000) / REQUESTS;
}

if (process.argv[2] !== undefined) {
  const microseconds = await runMode(process.argv[2]);
  process.stdout.write(String(microseconds));
} else {
  const script = fileURLToPath(import.meta.url);
  const results = {};
  for (const mode of MODES) {
    const output = execFileSync(process.execPath, [script, mode]);
    results[mode] = Number(Number(output.toString()).toFixed(1));
  }
  console.log(
    JSON.stringify(
      { node: process.version, requests: REQUESTS, meanMicroseconds: results },
      null,
      2,
    ),
  );
}
