import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  ATTR_BLOCKING_DECISION,
  ATTR_BLOCKING_FILTER,
  ATTR_BLOCKING_REASON,
  ATTR_BLOCKING_RULE,
  ATTR_BLOCKING_STAGE,
  EVENT_BLOCKING_DECISION,
  createBlockingEngine,
} from '../../src';
import { SwitchFilter } from '../support/switchboard';
import { setupBlocking } from '../support/tracing';
// The client loads node:http only when called, after setupBlocking.
import * as client from '../support/client';

const blockFilter = new SwitchFilter('gate-block', ['headers']);
const monitorFilter = new SwitchFilter('gate-monitor', ['headers'], 'monitor');
const tracing = setupBlocking({
  engine: createBlockingEngine({
    filters: [monitorFilter, blockFilter],
    timeoutMs: 200,
  }),
});

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const PARENT_ID = 'b7ad6b7169203331';
const HANDSHAKE =
  'Host: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
  'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';
const SWITCHING =
  'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n' +
  'Connection: Upgrade\r\n\r\n';
const ESTABLISHED = 'HTTP/1.1 200 Connection Established\r\n\r\n';

/** Sends a body only after 100 Continue, as curl does for large uploads. */
function sendWithExpect(
  base: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = client.http().request(`${base}/upload?x=1`, {
      method: 'POST',
      headers: { expect: '100-continue', 'content-length': 5 },
    });
    request.on('continue', () => request.end('hello'));
    request.on('response', (response: IncomingMessage) => {
      client
        .readAll(response)
        .then(
          (bytes) =>
            resolve({ status: response.statusCode ?? 0, text: String(bytes) }),
          reject,
        );
    });
    request.on('error', reject);
  });
}

/** A raw connection and every byte it received so far. */
interface RawClient {
  socket: Socket;
  received: () => string;
}

async function openRaw(port: number): Promise<RawClient> {
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  return { socket, received: () => Buffer.concat(chunks).toString('latin1') };
}

/** Waits until the connection received `length` bytes or closed. */
async function receivedLength(raw: RawClient, length: number): Promise<void> {
  const deadline = Date.now() + 2000;
  while (raw.received().length < length && !raw.socket.destroyed) {
    if (Date.now() > deadline) {
      throw new Error(`received ${raw.received().length} of ${length} bytes`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function exchangeUntilClose(
  port: number,
  bytes: string,
): Promise<string> {
  const raw = await openRaw(port);
  raw.socket.write(bytes);
  raw.socket.setTimeout(2000, () => raw.socket.destroy());
  await once(raw.socket, 'close');
  return raw.received();
}

function decisionEvents(span: ReadableSpan): Array<unknown> {
  return span.events
    .filter((event) => event.name === EVENT_BLOCKING_DECISION)
    .map((event) => event.attributes?.[ATTR_BLOCKING_FILTER]);
}

/** Echoes every byte of a taken-over socket after its first response. */
function echo(socket: Duplex, head: Buffer, answer: string): void {
  socket.write(answer);
  if (head.length > 0) socket.write(head);
  socket.on('data', (chunk: Buffer) => socket.write(chunk));
  socket.on('end', () => socket.end());
}

void describe('decisions on events without a server span', () => {
  let server: Server;
  let base: string;
  let port: number;
  let handled: string[] = [];

  before(async () => {
    ({ server, base, port } = await client.startServer((request, response) => {
      client.readAll(request).then(
        (body) => {
          handled.push(`request ${String(body)}`);
          response.end('stored');
        },
        () => undefined,
      );
    }));
    server.on('checkContinue', (request, response) => {
      handled.push('checkContinue');
      response.writeContinue();
      server.emit('request', request, response);
    });
    server.on('upgrade', (request: IncomingMessage, socket, head: Buffer) => {
      handled.push(`upgrade ${request.url}`);
      echo(socket, head, SWITCHING);
    });
    server.on('connect', (request: IncomingMessage, socket, head: Buffer) => {
      handled.push(`connect ${request.url}`);
      echo(socket, head, ESTABLISHED);
    });
  });

  after(() => client.stopServer(server));

  beforeEach(() => {
    handled = [];
    blockFilter.behaviour = { kind: 'allow' };
    monitorFilter.behaviour = { kind: 'allow' };
    tracing.reset();
  });

  void it('checkContinue block gets a server span', async () => {
    blockFilter.behaviour = { kind: 'block', verdict: { rule: 'uploads' } };
    // A raw client, because an instrumented one sends its own traceparent.
    const answer = await exchangeUntilClose(
      port,
      'POST /upload?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
        'Expect: 100-continue\r\nContent-Length: 5\r\n' +
        `User-Agent: expect-test\r\ntraceparent: 00-${TRACE_ID}-${PARENT_ID}-01\r\n\r\n`,
    );
    assert.match(answer, /^HTTP\/1\.1 403 Forbidden\r\n/);
    assert.doesNotMatch(answer, /100 Continue/);
    assert.deepEqual(handled, []);
    const span = await tracing.nextServerSpan();
    assert.equal(span.name, 'POST');
    assert.equal(span.spanContext().traceId, TRACE_ID);
    assert.equal(span.parentSpanContext?.spanId, PARENT_ID);
    assert.equal(span.attributes[ATTR_BLOCKING_DECISION], 'block');
    assert.equal(span.attributes[ATTR_BLOCKING_FILTER], 'gate-block');
    assert.equal(span.attributes[ATTR_BLOCKING_RULE], 'uploads');
    assert.equal(span.attributes[ATTR_BLOCKING_STAGE], 'headers');
    assert.equal(span.attributes[ATTR_BLOCKING_REASON], 'test block');
    assert.deepEqual(decisionEvents(span), ['gate-block']);
    assert.equal(span.attributes['http.request.method'], 'POST');
    assert.equal(span.attributes['url.scheme'], 'http');
    assert.equal(span.attributes['url.path'], '/upload');
    assert.equal(span.attributes['url.query'], 'x=1');
    assert.equal(span.attributes['client.address'], '127.0.0.1');
    assert.equal(span.attributes['network.peer.address'], '127.0.0.1');
    assert.equal(span.attributes['user_agent.original'], 'expect-test');
    assert.equal(span.attributes['http.response.status_code'], 403);
  });

  void it('checkContinue monitor gets a server span', async () => {
    monitorFilter.behaviour = { kind: 'block' };
    const outcome = await sendWithExpect(base);
    assert.equal(outcome.text, 'stored');
    assert.deepEqual(handled, ['checkContinue', 'request hello']);
    // The gate's span ends when the request is handed to the application,
    // before instrumentation-http's span of the re-emitted request event.
    const gateSpan = await tracing.nextServerSpan();
    const requestSpan = await tracing.nextServerSpan();
    assert.equal(gateSpan.attributes[ATTR_BLOCKING_DECISION], 'monitor');
    assert.equal(gateSpan.attributes[ATTR_BLOCKING_FILTER], 'gate-monitor');
    assert.deepEqual(decisionEvents(gateSpan), ['gate-monitor']);
    assert.equal(gateSpan.attributes['http.response.status_code'], undefined);
    assert.deepEqual(decisionEvents(requestSpan), []);
    assert.equal(requestSpan.attributes['http.response.status_code'], 200);
  });

  void it('upgrade block gets a server span', async () => {
    blockFilter.behaviour = { kind: 'block' };
    const answer = await exchangeUntilClose(
      port,
      `GET /socket?room=1 HTTP/1.1\r\n${HANDSHAKE}`,
    );
    assert.match(answer, /^HTTP\/1\.1 403 Forbidden\r\n/);
    assert.deepEqual(handled, []);
    const span = await tracing.nextServerSpan();
    assert.equal(span.name, 'GET');
    assert.equal(span.attributes[ATTR_BLOCKING_DECISION], 'block');
    assert.equal(span.attributes[ATTR_BLOCKING_STAGE], 'headers');
    assert.deepEqual(decisionEvents(span), ['gate-block']);
    assert.equal(span.attributes['url.path'], '/socket');
    assert.equal(span.attributes['url.query'], 'room=1');
    assert.equal(span.attributes['server.address'], '127.0.0.1');
    assert.equal(span.attributes['http.response.status_code'], 403);
  });

  void it('async block of an upgrade gets a span', async () => {
    blockFilter.behaviour = {
      kind: 'async',
      delayMs: 20,
      verdict: { action: 'block', status: 401 },
    };
    const answer = await exchangeUntilClose(
      port,
      `GET /socket HTTP/1.1\r\n${HANDSHAKE}`,
    );
    assert.match(answer, /^HTTP\/1\.1 401 Unauthorized\r\n/);
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_DECISION], 'block');
    assert.equal(span.attributes['http.response.status_code'], 401);
  });

  void it('monitored upgrade echoes byte for byte', async () => {
    monitorFilter.behaviour = {
      kind: 'async',
      delayMs: 20,
      verdict: {
        action: 'block',
      },
    };
    const raw = await openRaw(port);
    raw.socket.write(`GET /socket HTTP/1.1\r\n${HANDSHAKE}first-frame`);
    await receivedLength(raw, SWITCHING.length + 'first-frame'.length);
    // The gate's span ended when the socket was handed over, while the
    // upgraded connection is still open.
    const span = await tracing.nextServerSpan();
    raw.socket.write(Buffer.from('second-frame\u0000\u00ff', 'latin1'));
    await receivedLength(raw, SWITCHING.length + 25);
    raw.socket.end();
    await once(raw.socket, 'close');
    assert.equal(
      raw.received(),
      `${SWITCHING}first-framesecond-frame\u0000\u00ff`,
    );
    assert.deepEqual(handled, ['upgrade /socket']);
    assert.equal(span.attributes[ATTR_BLOCKING_DECISION], 'monitor');
    assert.deepEqual(decisionEvents(span), ['gate-monitor']);
    assert.equal(span.attributes['http.response.status_code'], undefined);
  });

  void it('allowed upgrade gets an empty span', async () => {
    const raw = await openRaw(port);
    raw.socket.write(`GET /socket HTTP/1.1\r\n${HANDSHAKE}`);
    await receivedLength(raw, SWITCHING.length);
    const span = await tracing.nextServerSpan();
    raw.socket.end();
    await once(raw.socket, 'close');
    assert.equal(raw.received(), SWITCHING);
    assert.equal(span.attributes[ATTR_BLOCKING_DECISION], undefined);
    assert.deepEqual(decisionEvents(span), []);
  });

  void it('CONNECT block gets a server span', async () => {
    blockFilter.behaviour = { kind: 'block' };
    const answer = await exchangeUntilClose(
      port,
      'CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n\r\n',
    );
    assert.match(answer, /^HTTP\/1\.1 403 /);
    assert.deepEqual(handled, []);
    const span = await tracing.nextServerSpan();
    assert.equal(span.name, 'CONNECT');
    assert.equal(span.attributes['http.request.method'], 'CONNECT');
    assert.equal(span.attributes['url.path'], 'example.test:443');
    assert.equal(span.attributes[ATTR_BLOCKING_DECISION], 'block');
    assert.deepEqual(decisionEvents(span), ['gate-block']);
    assert.equal(span.attributes['http.response.status_code'], 403);
  });

  void it('monitored CONNECT tunnels byte for byte', async () => {
    monitorFilter.behaviour = { kind: 'block' };
    const raw = await openRaw(port);
    raw.socket.write(
      'CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n\r\n',
    );
    await receivedLength(raw, ESTABLISHED.length);
    raw.socket.write('tunnelled');
    await receivedLength(raw, ESTABLISHED.length + 'tunnelled'.length);
    raw.socket.end();
    await once(raw.socket, 'close');
    assert.equal(raw.received(), `${ESTABLISHED}tunnelled`);
    assert.deepEqual(handled, ['connect example.test:443']);
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_DECISION], 'monitor');
    assert.deepEqual(decisionEvents(span), ['gate-monitor']);
  });
});
