import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Receiver, ReceivedSpan } from '@tracegate/receiver';
import { startReceiver } from '@tracegate/receiver';
import { request, TRAFFIC } from './support/traffic';
import type { RunningService } from './support/service';
import { startService } from './support/service';

// Server spans of the five routes, the two client spans of /api/proxy and
// the two upstream server spans they cause.
const EXPECTED_SPANS = 9;

const PRELOADS = [
  { flag: '--require', entry: 'examples/http-service/server.cjs' },
  { flag: '--import', entry: 'examples/http-service/server.mjs' },
];

function serverSpan(spans: ReceivedSpan[], method: string, path: string) {
  const span = spans.find(
    (candidate) =>
      candidate.kind === 'SERVER' &&
      candidate.attributes['http.request.method'] === method &&
      candidate.attributes['url.path'] === path,
  );
  assert.ok(span, `no server span for ${method} ${path}`);
  return span;
}

for (const { flag, entry } of PRELOADS) {
  describe(`example service with ${flag}`, () => {
    let receiver: Receiver;
    let service: RunningService;
    let spans: ReceivedSpan[];
    let exported: string;

    before(async () => {
      receiver = await startReceiver({
        httpPort: 0,
        grpcPort: false,
        quiet: true,
      });
      service = await startService([flag, '@tracegate/agent/register', entry], {
        OTEL_SERVICE_NAME: 'e2e-service',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.httpUrl,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      });
      for (const item of TRAFFIC) {
        await request(service.base, item);
      }
      spans = await receiver.waitForSpans(() => true, 15_000, EXPECTED_SPANS);
      exported = JSON.stringify(spans);
    });
    after(async () => {
      await service?.stop();
      await receiver?.close();
    });

    it('exports over http/protobuf', () => {
      assert.ok(spans.every((span) => span.transport === 'http/protobuf'));
      assert.equal(spans[0].resource['service.name'], 'e2e-service');
    });

    it('redacts the JSON payment', () => {
      const span = serverSpan(spans, 'POST', '/api/payments');
      const body = span.attributes['http.request.body'] as string;
      assert.ok(body.includes('"amount":4200'), body);
      assert.ok(body.includes('[REDACTED:'), body);
      assert.deepEqual(span.attributes['http.request.header.authorization'], [
        '[REDACTED:authorization]',
      ]);
      const response = span.attributes['http.response.body'] as string;
      assert.ok(response.includes('pay_1001'), response);
    });

    it('redacts the form login and its cookie', () => {
      const span = serverSpan(spans, 'POST', '/api/login');
      const body = span.attributes['http.request.body'] as string;
      assert.ok(body.startsWith('username=jane&password='), body);
      const [cookie] = span.attributes[
        'http.response.header.set-cookie'
      ] as string[];
      assert.ok(cookie.startsWith('session='), cookie);
    });

    it('decodes the gzip report', () => {
      const span = serverSpan(spans, 'GET', '/api/report');
      const body = span.attributes['http.response.body'] as string;
      assert.ok(body.includes('"account":"acct-1"'), body);
    });

    it('captures the event stream', () => {
      const span = serverSpan(spans, 'GET', '/api/events');
      const body = span.attributes['http.response.body'] as string;
      assert.equal(body.split('\n\n').filter(Boolean).length, 3, body);
    });

    it('captures outgoing http and fetch calls', () => {
      const clients = spans.filter((span) => span.kind === 'CLIENT');
      assert.equal(clients.length, 2);
      for (const span of clients) {
        const body = span.attributes['http.response.body'] as string;
        assert.ok(body.includes('"upstream":"ok"'), body);
      }
      const fetchSpan = clients.find(
        (span) => span.attributes['http.request.method'] === 'POST',
      );
      assert.ok(fetchSpan, 'no fetch client span');
      const sent = fetchSpan.attributes['http.request.body'] as string;
      assert.ok(sent.includes('"query":"status"'), sent);
    });

    it('lets no planted secret leave the process', () => {
      for (const secret of PLANTED_SECRETS) {
        assert.ok(!exported.includes(secret), `found ${secret} in the export`);
      }
    });

    it('logs nothing on stderr', () => {
      assert.equal(service.stderr(), '');
    });
  });
}

// Values the traffic plants; none may appear in any exported attribute.
const PLANTED_SECRETS = [
  '4242 4242 4242 4242',
  '4242424242424242',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
  'hunter2',
  's3ss10n-jane',
  'jane.doe@example.com',
  'upstream-secret-token',
  'fetch-key-123',
];
