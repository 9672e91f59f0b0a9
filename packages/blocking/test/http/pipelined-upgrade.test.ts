import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Filter, RequestView, Verdict } from '../../src';
import { createBlockingEngine } from '../../src';
import { setupBlocking } from '../support/tracing';
// The client loads node:http only when called, after setupBlocking.
import * as client from '../support/client';

/** An asynchronous filter that delays the decision on the paths it lists. */
class SlowPathFilter implements Filter {
  readonly name = 'slow-path';
  delays = new Map<string, number>();
  blocked = new Set<string>();

  check(view: RequestView): Promise<Verdict | undefined> {
    const delay = this.delays.get(view.path) ?? 0;
    const verdict: Verdict | undefined = this.blocked.has(view.path)
      ? { action: 'block', reason: 'blocked path' }
      : undefined;
    return new Promise((resolve) => setTimeout(() => resolve(verdict), delay));
  }
}

const filter = new SlowPathFilter();
const tracing = setupBlocking({
  engine: createBlockingEngine({ filters: [filter], timeoutMs: 2000 }),
});

const HANDSHAKE =
  'GET /ws HTTP/1.1\r\nHost: test\r\nConnection: Upgrade\r\n' +
  'Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n' +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';

const SWITCHING =
  'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n' +
  'Connection: Upgrade\r\n\r\nframe';

/** Writes bytes in one go and returns what arrived within `waitMs`. */
async function exchange(
  port: number,
  bytes: string,
  waitMs: number,
): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  socket.write(bytes);
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  socket.destroy();
  return Buffer.concat(chunks).toString('latin1');
}

void describe('upgrade pipelined behind a held request', () => {
  let server: Server;
  let port: number;
  let events: string[] = [];
  let frames: string[] = [];

  before(async () => {
    ({ server, port } = await client.startServer((request, response) => {
      events.push(`request ${request.url}`);
      response.sendDate = false;
      response.end(`ok ${request.url}`);
    }));
    server.on('upgrade', (request, socket: Duplex, head: Buffer) => {
      events.push(`upgrade ${request.url} ${head.toString('latin1')}`);
      socket.on('error', () => undefined);
      // Reading lets the socket see the client's end, so the server closes.
      socket.on('data', (chunk: Buffer) => {
        frames.push(chunk.toString('latin1'));
      });
      socket.on('end', () => socket.end());
      socket.write(SWITCHING);
    });
  });

  after(() => client.stopServer(server));

  beforeEach(() => {
    events = [];
    frames = [];
    filter.delays = new Map([['/1', 150]]);
    filter.blocked = new Set();
    tracing.instrumentation.enable();
  });

  void it('waits for the earlier request', async () => {
    const bytes = 'GET /1 HTTP/1.1\r\nHost: test\r\n\r\n' + HANDSHAKE + 'tail';
    const withGate = await exchange(port, bytes, 500);
    const orderWithGate = events;
    events = [];
    tracing.instrumentation.disable();
    const withoutGate = await exchange(port, bytes, 500);
    assert.deepEqual(events, ['request /1', 'upgrade /ws tail']);
    assert.deepEqual(orderWithGate, events);
    assert.equal(withGate, withoutGate);
    assert.ok(withGate.endsWith(SWITCHING), withGate);
  });

  void it('waits behind several held requests', async () => {
    filter.delays = new Map([
      ['/1', 150],
      ['/2', 50],
    ]);
    const bytes =
      'GET /1 HTTP/1.1\r\nHost: test\r\n\r\n' +
      'GET /2 HTTP/1.1\r\nHost: test\r\n\r\n' +
      HANDSHAKE;
    const withGate = await exchange(port, bytes, 600);
    const orderWithGate = events;
    events = [];
    tracing.instrumentation.disable();
    const withoutGate = await exchange(port, bytes, 600);
    assert.deepEqual(events, ['request /1', 'request /2', 'upgrade /ws ']);
    assert.deepEqual(orderWithGate, events);
    assert.equal(withGate, withoutGate);
  });

  void it('upgraded socket still reads', async () => {
    filter.delays = new Map([
      ['/1', 150],
      ['/2', 50],
    ]);
    const socket = connect(port, '127.0.0.1');
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.write(
      'GET /1 HTTP/1.1\r\nHost: test\r\n\r\n' +
        'GET /2 HTTP/1.1\r\nHost: test\r\n\r\n' +
        HANDSHAKE,
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    socket.write('later frame');
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.destroy();
    assert.deepEqual(events, ['request /1', 'request /2', 'upgrade /ws ']);
    assert.equal(frames.join(''), 'later frame');
  });

  void it('blocked upgrade answers after the earlier request', async () => {
    filter.blocked = new Set(['/ws']);
    const bytes = 'GET /1 HTTP/1.1\r\nHost: test\r\n\r\n' + HANDSHAKE;
    const answer = await exchange(port, bytes, 500);
    assert.deepEqual(events, ['request /1']);
    const statuses = [...answer.matchAll(/HTTP\/1\.1 (\d+)/g)].map(
      (match) => match[1],
    );
    assert.deepEqual(statuses, ['200', '403']);
  });
});
