// Measures the time the body stage adds to a request with a 1 KiB JSON body
// and one synchronous body filter that reads the parsed body. The same
// server serves alternating rounds with the blocking instrumentation on
// and off, over one keep-alive connection, so drift affects both alike.
// Run with `npm run bench:blocking`; options: --rounds N --requests N.
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { once } from 'node:events';
import type * as Http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { Filter } from '../src';
import { BlockingHttpInstrumentation, createBlockingEngine } from '../src';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '10' },
    requests: { type: 'string', default: '2000' },
  },
});
const ROUNDS = Number(values.rounds);
const REQUESTS = Number(values.requests);

const jsonFilter: Filter = {
  name: 'bench-json',
  stages: ['body'],
  check(view) {
    const body = view.body as { amount?: number } | undefined;
    return body?.amount === -1 ? { action: 'block' } : undefined;
  },
};
const engine = createBlockingEngine({ filters: [jsonFilter] });
const instrumentation = new BlockingHttpInstrumentation({ engine });
registerInstrumentations({ instrumentations: [instrumentation] });

// eslint-disable-next-line @typescript-eslint/no-require-imports
const http = require('node:http') as typeof Http;

async function main(): Promise<void> {
  const body = JSON.stringify({
    amount: 42,
    currency: 'EUR',
    note: 'x'.repeat(1024 - 40),
  });
  const server = http.createServer((request, response) => {
    let size = 0;
    request.on('data', (chunk: Buffer) => (size += chunk.length));
    request.on('end', () => response.end(String(size)));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  const post = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const started = process.hrtime.bigint();
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/orders',
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () =>
            resolve(Number(process.hrtime.bigint() - started) / 1e6),
          );
        },
      );
      request.on('error', reject);
      request.end(body);
    });

  const samples = { on: [] as number[], off: [] as number[] };
  // Warm-up in both modes, not recorded.
  for (const mode of ['on', 'off'] as const) {
    instrumentation.setConfig(mode === 'on' ? { engine } : {});
    for (let index = 0; index < 500; index += 1) await post();
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const mode of ['on', 'off'] as const) {
      instrumentation.setConfig(mode === 'on' ? { engine } : {});
      for (let index = 0; index < REQUESTS; index += 1) {
        samples[mode].push(await post());
      }
    }
  }
  agent.destroy();
  server.close();

  const on = summarize(samples.on);
  const off = summarize(samples.off);
  console.log(
    `body stage, ${Buffer.byteLength(body)}-byte JSON body, one synchronous filter`,
  );
  console.log(
    `${ROUNDS} rounds x ${REQUESTS} requests per mode, Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores)`,
  );
  console.log('| mode | median ms | p99 ms |');
  console.log('| --- | --- | --- |');
  console.log(
    `| without blocking | ${off.median.toFixed(3)} | ${off.p99.toFixed(3)} |`,
  );
  console.log(
    `| with body stage | ${on.median.toFixed(3)} | ${on.p99.toFixed(3)} |`,
  );
  console.log(
    `| added | ${(on.median - off.median).toFixed(3)} | ${(on.p99 - off.p99).toFixed(3)} |`,
  );
}

function summarize(values: number[]): { median: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
  return { median: at(0.5), p99: at(0.99) };
}

void main();
