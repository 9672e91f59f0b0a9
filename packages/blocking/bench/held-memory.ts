// Measures the peak memory that held request bodies cost: many connections
// each upload a body slowly, and the server (this process) samples
// `process.memoryUsage()` while a child process sends. Options:
// --connections N --bytes N --duration MS --total N (bodyStage.maxTotalBytes)
// --off (no blocking). Run after a build:
// node packages/blocking/dist/bench/held-memory.js --total 67108864
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import type * as Http from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { parseArgs } from 'node:util';
import { BlockingHttpInstrumentation, createBlockingEngine } from '../src';

const MIB = 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '500' },
    bytes: { type: 'string', default: String(MIB) },
    duration: { type: 'string', default: '3000' },
    total: { type: 'string' },
    off: { type: 'boolean', default: false },
    client: { type: 'string' },
  },
});
const CONNECTIONS = Number(values.connections);
const BODY_BYTES = Number(values.bytes);
const DURATION_MS = Number(values.duration);

/** Opens every connection and sends each body in chunks over the duration. */
function runClient(port: number): void {
  const chunk = Buffer.alloc(CHUNK_BYTES, 97);
  const interval = DURATION_MS / Math.ceil(BODY_BYTES / CHUNK_BYTES);
  let closed = 0;
  for (let index = 0; index < CONNECTIONS; index += 1) {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.resume();
    socket.write(
      `POST /upload HTTP/1.1\r\nHost: bench\r\nContent-Length: ${BODY_BYTES}\r\n` +
        'Connection: close\r\n\r\n',
    );
    let sent = 0;
    const timer = setInterval(() => {
      const size = Math.min(CHUNK_BYTES, BODY_BYTES - sent);
      if (size <= 0) {
        clearInterval(timer);
        return;
      }
      socket.write(chunk.subarray(0, size));
      sent += size;
    }, interval);
    socket.on('close', () => {
      closed += 1;
      if (closed === CONNECTIONS) process.exit(0);
    });
  }
}

async function runServer(): Promise<void> {
  if (!values.off) {
    const engine = createBlockingEngine({
      filters: [
        { name: 'bench-body', stages: ['body'], check: () => undefined },
      ],
    });
    const bodyStage = {
      maxBytes: BODY_BYTES,
      timeoutMs: DURATION_MS * 4,
      ...(values.total !== undefined && {
        maxTotalBytes: Number(values.total),
      }),
    };
    registerInstrumentations({
      instrumentations: [
        new BlockingHttpInstrumentation({ engine, bodyStage }),
      ],
    });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const http = require('node:http') as typeof Http;
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => response.end('ok'));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const before = process.memoryUsage();
  const peak = { arrayBuffers: 0, rss: 0 };
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers);
    peak.rss = Math.max(peak.rss, now.rss);
  }, 20);
  const { port } = server.address() as AddressInfo;
  const child = fork(__filename, [
    ...process.argv.slice(2),
    '--client',
    String(port),
  ]);
  await once(child, 'exit');
  clearInterval(sampler);
  server.close();
  const rise = (value: number, base: number): string =>
    ((value - base) / MIB).toFixed(1);
  console.log(
    `blocking ${values.off ? 'off' : 'on'}, maxTotalBytes ${values.total ?? 'default'}: ` +
      `peak arrayBuffers +${rise(peak.arrayBuffers, before.arrayBuffers)} MiB, ` +
      `peak RSS +${rise(peak.rss, before.rss)} MiB`,
  );
}

if (values.client !== undefined) runClient(Number(values.client));
else void runServer();
