import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Receiver } from '@tracegate/receiver';
import { startReceiver } from '@tracegate/receiver';
import type { RunningService } from './support/service';
import { startService } from './support/service';
import { request, TRAFFIC } from './support/traffic';

const PAYMENT = TRAFFIC.find((item) => item.path === '/api/payments')!;

// Each protocol is chosen the way a platform team would: by the standard
// variable, or by Tracegate's own.
const CASES = [
  { transport: 'grpc', variable: 'OTEL_EXPORTER_OTLP_PROTOCOL' },
  { transport: 'http/json', variable: 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL' },
  { transport: 'http/json', variable: 'TRACEGATE_EXPORT_PROTOCOL' },
] as const;

for (const { transport, variable } of CASES) {
  describe(`export with ${variable}=${transport}`, () => {
    let receiver: Receiver;
    let service: RunningService;

    before(async () => {
      receiver = await startReceiver({ httpPort: 0, grpcPort: 0, quiet: true });
      const endpoint =
        transport === 'grpc' ? receiver.grpcUrl! : receiver.httpUrl;
      service = await startService(
        [
          '--require',
          '@tracegate/agent/register',
          'examples/http-service/server.cjs',
        ],
        {
          [variable]: transport,
          OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
          OTEL_BSP_SCHEDULE_DELAY: '100',
        },
      );
    });
    after(async () => {
      await service?.stop();
      await receiver?.close();
    });

    it('delivers the redacted span', async () => {
      await request(service.base, PAYMENT);
      const [span] = await receiver.waitForSpans(
        (candidate) => candidate.attributes['url.path'] === '/api/payments',
        15_000,
      );
      assert.ok(span);
      assert.equal(span.transport, transport);
      const body = span.attributes['http.request.body'] as string;
      assert.ok(body.includes('[REDACTED:credit_card]'), body);
      assert.equal(service.stderr(), '');
    });
  });
}
