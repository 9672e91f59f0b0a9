import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { createBlockingEngine } from '../../src';
import { SwitchFilter } from '../support/switchboard';
import { setupBlocking } from '../support/tracing';
// The client loads node:http only when called, after setupBlocking.
import * as client from '../support/client';

const engine = createBlockingEngine({
  filters: [
    new SwitchFilter('same-headers', ['headers']),
    new SwitchFilter('same-body', ['body']),
  ],
});
const tracing = setupBlocking({ engine });

/** What the application saw of one request. */
interface Seen {
  method: string | undefined;
  url: string | undefined;
  headers: Record<string, unknown>;
  body: string;
}

const RAW_PIPELINE =
  'POST /pipe/1 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc' +
  'POST /pipe/2 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n' +
  '2\r\nde\r\n3\r\nfgh\r\n0\r\n\r\n' +
  'GET /pipe/3 HTTP/1.1\r\nHost: a\r\n\r\n';

void describe('allowed requests unchanged', () => {
  let server: Server;
  let base: string;
  let port: number;
  let seen: Seen[] = [];

  before(async () => {
    ({ server, base, port } = await client.startServer((request, response) => {
      client.readAll(request).then(
        (body) => {
          // The client instrumentation sends a new traceparent each time.
          const { traceparent: _traceparent, ...headers } = request.headers;
          seen.push({
            method: request.method,
            url: request.url,
            headers,
            body: `${body.length} ${createHash('sha256').update(body).digest('hex')}`,
          });
          response.end('ok');
        },
        () => undefined,
      );
    }));
  });

  after(() => client.stopServer(server));

  async function traffic(): Promise<Seen[]> {
    seen = [];

    const keepAlive = new (client.http().Agent)({ keepAlive: true });
    await client.send(`${base}/json`, {
      method: 'POST',
      agent: keepAlive,
      headers: { 'content-type': 'application/json', 'x-order': '1' },
      body: '{"a":[1,2,3],"b":"ü"}',
    });
    await client.send(`${base}/gzip`, {
      method: 'POST',
      agent: keepAlive,
      headers: { 'content-type': 'text/plain', 'content-encoding': 'gzip' },
      body: gzipSync(Buffer.alloc(50_000, 'gzip me ')),
    });
    await client.send(`${base}/chunked`, {
      method: 'PUT',
      agent: keepAlive,
      body: [Buffer.from('one,'), Buffer.alloc(70_000, 2), Buffer.from(',end')],
    });
    await client.send(`${base}/query?x=1&x=2`, { agent: keepAlive });
    keepAlive.destroy();

    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    let replies = '';
    socket.on('data', (chunk: Buffer) => (replies += chunk.toString()));
    socket.write(RAW_PIPELINE);

    const deadline = Date.now() + 3000;
    while ((replies.match(/\r\n\r\nok/g) ?? []).length < 3) {
      if (Date.now() > deadline) throw new Error('pipelined replies missing');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    socket.destroy();
    return seen;
  }

  void it('app sees the same requests', async () => {
    const withBlocking = await traffic();
    tracing.instrumentation.setConfig({});
    const without = await traffic();
    tracing.instrumentation.setConfig({ engine });
    assert.equal(withBlocking.length, 7);
    assert.deepEqual(withBlocking, without);
  });
});
