import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { startReceiver } from '@tracegate/receiver';
import { startService } from './support/service';
import { request, TRAFFIC } from './support/traffic';

const SERVICE = [
  '--require',
  '@tracegate/agent/register',
  'examples/http-service/server.cjs',
];
const LOGIN = TRAFFIC.find((item) => item.path === '/api/login')!;

describe('standard OTEL_* variables', () => {
  it('sends OTEL_EXPORTER_OTLP_HEADERS with each export', async () => {
    const received: IncomingHttpHeaders[] = [];
    const backend = createServer((incoming, response) => {
      received.push(incoming.headers);
      incoming.resume();
      incoming.on('end', () => response.end());
    });
    backend.listen(0, '127.0.0.1');
    await once(backend, 'listening');
    const { port } = backend.address() as AddressInfo;
    const service = await startService(SERVICE, {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_EXPORTER_OTLP_HEADERS:
        'x-tenant=acme,authorization=Bearer%20ingest-key',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    try {
      await request(service.base, LOGIN);
      const deadline = Date.now() + 10_000;
      while (received.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(received[0]?.['x-tenant'], 'acme');
      assert.equal(received[0]?.authorization, 'Bearer ingest-key');
      assert.equal(received[0]?.['content-type'], 'application/x-protobuf');
    } finally {
      await service.stop();
      backend.close();
    }
  });

  it('honours the sampler and resource attributes', async () => {
    const receiver = await startReceiver({
      httpPort: 0,
      grpcPort: false,
      quiet: true,
    });
    const unsampled = await startService(SERVICE, {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.httpUrl,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_TRACES_SAMPLER: 'always_off',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test,team=payments',
    });
    try {
      await request(unsampled.base, LOGIN);
      // Stopping flushes the batch queue, so any recorded span is sent now.
      await unsampled.stop();
      assert.equal(receiver.spans.length, 0, 'always_off must export nothing');

      const service = await startService(SERVICE, {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.httpUrl,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        OTEL_TRACES_SAMPLER: 'always_on',
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test,team=payments',
      });
      try {
        await request(service.base, LOGIN);
        const [span] = await receiver.waitForSpans(() => true, 10_000);
        assert.equal(span.resource['team'], 'payments');
        assert.equal(span.resource['deployment.environment'], 'test');
      } finally {
        await service.stop();
      }
    } finally {
      await unsampled.stop();
      await receiver.close();
    }
  });
});
