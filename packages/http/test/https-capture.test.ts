import { SpanKind } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type * as Https from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { generate } from 'selfsigned';
import { readAll } from './support/server';
import { setupTracing } from './support/tracing';

const tracing = setupTracing();

// Loaded after setupTracing() so the instrumentation patches it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const https = require('node:https') as typeof Https;

describe('https capture', () => {
  let server: Https.Server;
  let base: string;
  let ca: string;

  before(async () => {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec',
      notAfterDate: new Date(Date.now() + 24 * 3600 * 1000),
      extensions: [
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
      ],
    });
    ca = pems.cert;
    server = https.createServer(
      { key: pems.private, cert: pems.cert },
      (request, response) => {
        void readAll(request).then((body) => {
          response.setHeader('content-type', 'application/json');
          response.end(
            JSON.stringify({
              received: body.length,
              token: 'tls-secret-token',
            }),
          );
        });
      },
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('captures both sides of an https call', async () => {
    tracing.reset();
    const body = JSON.stringify({ email: 'jane.doe@example.com', plan: 'pro' });
    const text = await new Promise<string>((resolve, reject) => {
      const request = https.request(
        `${base}/signup`,
        { method: 'POST', ca, headers: { 'content-type': 'application/json' } },
        (response) => {
          void readAll(response).then(
            (data) => resolve(data.toString()),
            reject,
          );
        },
      );
      request.on('error', reject);
      request.end(body);
    });
    assert.equal(
      text,
      JSON.stringify({ received: body.length, token: 'tls-secret-token' }),
    );
    const server = await tracing.nextSpan(SpanKind.SERVER);
    const client = await tracing.nextSpan(SpanKind.CLIENT);
    for (const span of [server, client]) {
      assert.equal(
        span.attributes['http.request.body'],
        '{"email":"[REDACTED:email]","plan":"pro"}',
      );
      const response = span.attributes['http.response.body'] as string;
      assert.ok(!response.includes('tls-secret-token'), response);
    }
  });
});
