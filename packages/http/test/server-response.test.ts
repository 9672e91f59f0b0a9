import { SpanKind } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { send, startServer, stopServer } from './support/server';
import { setupTracing } from './support/tracing';

const tracing = setupTracing();

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

describe('server response capture', () => {
  let server: Server;
  let base: string;
  let handler: Handler = (_request, response) => response.end();

  before(async () => {
    ({ server, base } = await startServer((request, response) =>
      handler(request, response),
    ));
  });
  after(() => stopServer(server));

  async function exchange(next: Handler, path = '/') {
    tracing.reset();
    handler = next;
    const response = await send(`${base}${path}`);
    const span = await tracing.nextSpan(SpanKind.SERVER);
    return { response, span };
  }

  it('captures write and end', async () => {
    const { response, span } = await exchange((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.write('{"a":');
      response.end('1}');
    });
    assert.equal(response.body.toString(), '{"a":1}');
    assert.equal(span.attributes['http.response.body'], '{"a":1}');
    assert.deepEqual(span.attributes['http.response.header.content-type'], [
      'application/json',
    ]);
  });

  it('captures headers given only to writeHead', async () => {
    const { response, span } = await exchange((_request, response) => {
      response.writeHead(200, 'OK', {
        'content-type': 'text/plain',
        'x-only-in-write-head': 'yes',
      });
      response.end('plain');
    });
    assert.equal(response.headers['x-only-in-write-head'], 'yes');
    assert.deepEqual(
      span.attributes['http.response.header.x-only-in-write-head'],
      ['yes'],
    );
    assert.equal(span.attributes['http.response.body'], 'plain');
  });

  it('captures headers given to writeHead as a flat array', async () => {
    const { span } = await exchange((_request, response) => {
      response.writeHead(200, ['content-type', 'text/plain', 'x-array', 'a']);
      response.end('flat');
    });
    assert.deepEqual(span.attributes['http.response.header.x-array'], ['a']);
    assert.equal(span.attributes['http.response.body'], 'flat');
  });

  it('captures a piped response', async () => {
    const { response, span } = await exchange((_request, response) => {
      response.setHeader('content-type', 'text/plain; charset=utf-8');
      Readable.from(['one ', 'two ', 'three']).pipe(response);
    });
    assert.equal(response.body.toString(), 'one two three');
    assert.equal(span.attributes['http.response.body'], 'one two three');
  });

  it('keeps server-sent events streaming', async () => {
    const { response, span } = await exchange((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      let tick = 0;
      const timer = setInterval(() => {
        tick += 1;
        response.write(`data: ${tick}\n\n`);
        if (tick === 3) {
          clearInterval(timer);
          response.end();
        }
      }, 60);
    });
    const events = response.body.toString();
    assert.equal(events, 'data: 1\n\ndata: 2\n\ndata: 3\n\n');
    assert.ok(
      response.arrivals.length >= 3,
      `arrivals: ${response.arrivals.length}`,
    );
    const spread = response.arrivals.at(-1)! - response.arrivals[0];
    assert.ok(spread >= 80, `events arrived within ${spread} ms, not streamed`);
    assert.equal(span.attributes['http.response.body'], events);
  });

  it('redacts sensitive response headers', async () => {
    const { response, span } = await exchange((_request, response) => {
      response.setHeader('set-cookie', [
        'session=abc123; HttpOnly',
        'theme=dark',
      ]);
      response.setHeader('content-type', 'text/plain');
      response.end('ok');
    });
    assert.deepEqual(response.headers['set-cookie'], [
      'session=abc123; HttpOnly',
      'theme=dark',
    ]);
    const cookies = span.attributes[
      'http.response.header.set-cookie'
    ] as string[];
    assert.equal(cookies.length, 2);
    assert.ok(cookies[0].startsWith('session='), cookies[0]);
    assert.ok(!cookies.join(';').includes('abc123'), cookies.join(';'));
  });

  it('records the size of a skipped media type', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]);
    const { response, span } = await exchange((_request, response) => {
      response.setHeader('content-type', 'image/png');
      response.end(png);
    });
    assert.deepEqual(response.body, png);
    assert.equal(span.attributes['http.response.body'], undefined);
    assert.equal(span.attributes['http.response.body.size'], png.length);
    assert.equal(
      span.attributes['tracegate.http.response.body.skipped_content_type'],
      'image/png',
    );
  });

  it('skips the body of a HEAD response', async () => {
    tracing.reset();
    handler = (_request, response) => {
      response.setHeader('content-type', 'text/plain');
      response.end('not sent for HEAD');
    };
    const response = await send(`${base}/`, { method: 'HEAD' });
    assert.equal(response.body.length, 0);
    const span = await tracing.nextSpan(SpanKind.SERVER);
    assert.equal(span.attributes['http.response.body'], undefined);
  });
});
