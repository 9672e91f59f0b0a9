import { SpanKind } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import * as zlib from 'node:zlib';
import { readAll, send, startServer, stopServer } from './support/server';
import { setupTracing } from './support/tracing';

const tracing = setupTracing();

describe('outgoing request capture', () => {
  let server: Server;
  let base: string;

  before(async () => {
    ({ server, base } = await startServer((request, response) => {
      void readAll(request).then((body) => {
        if (request.url === '/gzip') {
          response.writeHead(200, {
            'content-type': 'application/json',
            'content-encoding': 'gzip',
          });
          response.end(zlib.gzipSync(body));
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ echoed: body.toString() }));
      });
    }));
  });
  after(() => stopServer(server));

  it('captures http.request bodies and headers', async () => {
    tracing.reset();
    const body = JSON.stringify({ item: 'book', quantity: 2 });
    const response = await send(`${base}/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer client-secret-value',
      },
      body,
    });
    assert.equal(response.status, 200);
    const span = await tracing.nextSpan(SpanKind.CLIENT);
    assert.equal(span.attributes['http.request.body'], body);
    assert.equal(
      span.attributes['http.response.body'],
      JSON.stringify({ echoed: body }),
    );
    const authorization = span.attributes[
      'http.request.header.authorization'
    ] as string[];
    assert.equal(authorization.length, 1);
    assert.ok(
      !authorization[0].includes('client-secret-value'),
      authorization[0],
    );
  });

  it('captures http.get responses', async () => {
    tracing.reset();
    await send(`${base}/status`);
    const span = await tracing.nextSpan(SpanKind.CLIENT);
    assert.equal(
      span.attributes['http.response.body'],
      JSON.stringify({ echoed: '' }),
    );
    assert.equal(span.attributes['http.request.body'], undefined);
  });

  it('decodes a gzip response to a client', async () => {
    tracing.reset();
    const body = JSON.stringify({ compressed: true });
    const response = await send(`${base}/gzip`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    assert.deepEqual(zlib.gunzipSync(response.body).toString(), body);
    const span = await tracing.nextSpan(SpanKind.CLIENT);
    assert.equal(span.attributes['http.response.body'], body);
  });

  it('captures fetch bodies and headers', async () => {
    tracing.reset();
    const body = JSON.stringify({ search: 'lamps' });
    const response = await fetch(`${base}/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'key-12345' },
      body,
    });
    assert.deepEqual(await response.json(), { echoed: body });
    const span = await tracing.nextSpan(SpanKind.CLIENT);
    assert.equal(span.attributes['http.request.body'], body);
    assert.equal(
      span.attributes['http.response.body'],
      JSON.stringify({ echoed: body }),
    );
    const apiKey = span.attributes['http.request.header.x-api-key'] as string[];
    assert.ok(!apiKey[0].includes('key-12345'), apiKey[0]);
    assert.deepEqual(span.attributes['http.response.header.content-type'], [
      'application/json',
    ]);
  });

  it('captures a streamed fetch request body', async () => {
    tracing.reset();
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('{"part":'));
        controller.enqueue(encoder.encode('"two"}'));
        controller.close();
      },
    });
    const response = await fetch(`${base}/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    });
    assert.deepEqual(await response.json(), { echoed: '{"part":"two"}' });
    const span = await tracing.nextSpan(SpanKind.CLIENT);
    assert.equal(span.attributes['http.request.body'], '{"part":"two"}');
  });
});

describe('url attribute redaction', () => {
  let server: Server;
  let base: string;

  before(async () => {
    ({ server, base } = await startServer((_request, response) => {
      response.end('ok');
    }));
  });
  after(() => stopServer(server));

  it('masks secrets in query strings', async () => {
    tracing.reset();
    const response = await send(`${base}/search?api_key=abc123secret&q=lamps`);
    assert.equal(response.body.toString(), 'ok');
    const serverSpan = await tracing.nextSpan(SpanKind.SERVER);
    const clientSpan = await tracing.nextSpan(SpanKind.CLIENT);
    const query = serverSpan.attributes['url.query'] as string;
    assert.ok(query.includes('q=lamps'), query);
    assert.ok(!query.includes('abc123secret'), query);
    const full = clientSpan.attributes['url.full'] as string;
    assert.ok(full.startsWith(`${base}/search?`), full);
    assert.ok(!full.includes('abc123secret'), full);
  });
});
