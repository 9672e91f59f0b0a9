// The Tracegate demo: starts a local OTLP receiver, runs the example service
// with `node --require @tracegate/agent/register`, sends scripted traffic and
// prints every span the receiver decoded.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { formatSpan, startReceiver } from '@tracegate/receiver';
import traffic from './traffic.cjs';

const { TRAFFIC, BLOCKED_TRAFFIC, request } = traffic;

const serviceEntry = fileURLToPath(
  new URL('../http-service/server.cjs', import.meta.url),
);
// Server spans of the five routes, two client spans, their two upstream
// server spans and the server spans of the two blocked requests.
const EXPECTED_SPANS = 11;

async function startService(receiverUrl) {
  const child = spawn(
    process.execPath,
    ['--require', '@tracegate/agent/register', serviceEntry],
    {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      env: {
        ...process.env,
        PORT: '0',
        OTEL_SERVICE_NAME: 'tracegate-demo',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl,
        OTEL_BSP_SCHEDULE_DELAY: '200',
        TRACEGATE_BLOCKING_RULES: JSON.stringify({
          mode: 'block',
          rules: [{ name: 'admin', path: '/admin/*', action: 'block' }],
        }),
        TRACEGATE_BLOCKING_ATTACKS: JSON.stringify({ mode: 'block' }),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const [line] = await once(lines, 'line');
  return { child, base: line.replace('listening ', '').trim() };
}

const receiver = await startReceiver({
  httpPort: 0,
  grpcPort: false,
  quiet: true,
});
console.log(`OTLP receiver listening on ${receiver.httpUrl}`);
const { child, base } = await startService(receiver.httpUrl);
console.log(
  `example service listening on ${base} (started with --require @tracegate/agent/register)\n`,
);

try {
  for (const item of TRAFFIC) {
    const response = await request(base, item);
    const extra =
      item.path === '/api/events'
        ? `, ${response.arrivals.length} chunks arrived one by one`
        : '';
    console.log(
      `${item.method} ${item.path} -> ${response.status} (${item.what}${extra})`,
    );
  }
  for (const item of BLOCKED_TRAFFIC) {
    const response = await request(base, item);
    console.log(
      `${item.method} ${item.path} -> ${response.status} (${item.what}): ${response.body}`,
    );
  }
  const spans = await receiver.waitForSpans(() => true, 15_000, EXPECTED_SPANS);
  console.log(`\nThe receiver decoded ${spans.length} spans:\n`);
  for (const span of spans) console.log(`${formatSpan(span)}\n`);
} finally {
  child.kill('SIGTERM');
  await once(child, 'exit');
  await receiver.close();
}
