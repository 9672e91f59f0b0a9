import { SpanKind } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setupTracing } from './support/tracing';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { readAll, send, startServer, stopServer } from './support/server';
import type { Server } from 'node:http';

const tracing = setupTracing();

type ReadStyle = (request: IncomingMessage) => Promise<Buffer>;

// Each way an app can read a request body; every one must see the same bytes.
const READ_STYLES: Record<string, ReadStyle> = {
  data: readAll,
  pipe: async (request) => {
    const sink = new PassThrough();
    request.pipe(sink);
    return readAll(sink as unknown as IncomingMessage);
  },
  'for await': async (request) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  },
  'readable and read()': (request) =>
    new Promise((resolve) => {
      const chunks: Buffer[] = [];
      request.on('readable', () => {
        let chunk: Buffer | null;
        while ((chunk = request.read() as Buffer | null) !== null)
          chunks.push(chunk);
      });
      request.on('end', () => resolve(Buffer.concat(chunks)));
    }),
  'late reader': async (request) => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    return readAll(request);
  },
};

describe('server request body capture', () => {
  let server: Server;
  let base: string;
  let style: ReadStyle | undefined;

  before(async () => {
    ({ server, base } = await startServer(
      (request: IncomingMessage, response: ServerResponse) => {
        if (style === undefined) {
          response.end('ignored');
          return;
        }
        void style(request).then((body) => {
          response.setHeader('content-type', 'application/octet-stream');
          response.end(body);
        });
      },
    ));
  });
  after(() => stopServer(server));

  const payload = JSON.stringify({ order: 'ORD-1', note: 'x'.repeat(40_000) });

  for (const [name, read] of Object.entries(READ_STYLES)) {
    it(`keeps bytes with ${name}`, async () => {
      tracing.reset();
      style = read;
      const chunks = [
        payload.slice(0, 10),
        payload.slice(10, 20_000),
        payload.slice(20_000),
      ];
      const response = await send(`${base}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: chunks.map((chunk) => Buffer.from(chunk)),
      });
      assert.equal(response.body.toString(), payload);
      const span = await tracing.nextSpan(SpanKind.SERVER);
      assert.equal(span.attributes['http.request.body'], payload);
      assert.equal(span.attributes['http.request.body.size'], payload.length);
      assert.equal(span.attributes['http.request.body.truncated'], false);
    });
  }

  it('captures a body the app never reads', async () => {
    tracing.reset();
    style = undefined;
    const response = await send(`${base}/ignore`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'unread body',
    });
    assert.equal(response.body.toString(), 'ignored');
    const span = await tracing.nextSpan(SpanKind.SERVER);
    assert.equal(span.attributes['http.request.body'], 'unread body');
    assert.equal(span.attributes['http.request.body.truncated'], false);
    assert.equal(
      span.attributes['tracegate.http.request.body.decode_problem'],
      undefined,
    );
  });
});
