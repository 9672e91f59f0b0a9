import assert from 'node:assert/strict';
import { once } from 'node:events';
import type * as Https from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { generate } from 'selfsigned';
import { ATTR_BLOCKING_DECISION, createBlockingEngine } from '../../src';
// The client loads node:http only when called, after setupBlocking.
import * as client from '../support/client';
import { SwitchFilter } from '../support/switchboard';
import { setupBlocking } from '../support/tracing';

const bodyFilter = new SwitchFilter('tls-body', ['body']);
const tracing = setupBlocking({
  engine: createBlockingEngine({ filters: [bodyFilter] }),
});

// Loaded after setupBlocking so the instrumentation patches it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const https = require('node:https') as typeof Https;

/** Sends one POST over TLS, trusting the test's own certificate. */
function post(
  base: string,
  ca: string,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = https.request(`${base}/tls`, { method: 'POST', ca });
    request.on('response', (response) => {
      client.readAll(response).then(
        (bytes) =>
          resolve({
            status: response.statusCode ?? 0,
            text: bytes.toString(),
          }),
        reject,
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

void describe('https servers', () => {
  let server: Https.Server;
  let base: string;
  let ca: string;
  const handled: string[] = [];

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
        client.readAll(request).then(
          (body) => {
            handled.push(body.toString());
            response.end('stored');
          },
          () => undefined,
        );
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

  void it('allowed body reaches the app', async () => {
    bodyFilter.behaviour = { kind: 'allow' };
    const reply = await post(base, ca, 'over tls');
    assert.equal(reply.text, 'stored');
    assert.deepEqual(handled, ['over tls']);
  });

  void it('body block over tls', async () => {
    bodyFilter.behaviour = { kind: 'block' };
    handled.length = 0;
    tracing.reset();
    const reply = await post(base, ca, 'blocked over tls');
    assert.equal(reply.status, 403);
    assert.deepEqual(handled, []);
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_DECISION], 'block');
  });
});
