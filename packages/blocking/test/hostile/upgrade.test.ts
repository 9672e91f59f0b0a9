import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createBlockingEngine, createRuleFilter } from '../../src';
import { SwitchFilter } from '../support/switchboard';
import { setupBlocking } from '../support/tracing';
// The client loads node:http only when called, after setupBlocking.
import * as client from '../support/client';

const rules = createRuleFilter({
  mode: 'block',
  rules: [{ path: '/admin/*', action: 'block' }],
});
const switchable = new SwitchFilter('upgrade-switch', ['headers']);
const engine = createBlockingEngine({
  filters: [rules, switchable],
  timeoutMs: 200,
});
setupBlocking({ engine });

const HANDSHAKE =
  'Host: test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
  'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';

/** Sends raw bytes and returns everything the server wrote until it closed. */
async function exchange(port: number, bytes: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  // An application that took the socket keeps it open; end the wait.
  socket.setTimeout(1000, () => socket.destroy());
  socket.write(bytes);
  await once(socket, 'close');
  return Buffer.concat(chunks).toString('latin1');
}

void describe('upgrade and connect requests', () => {
  let server: Server;
  let port: number;
  let upgrades: Array<{ url: string; head: string; later: string }> = [];

  before(async () => {
    ({ server, port } = await client.startServer((_request, response) => {
      response.end('plain request');
    }));
    server.on('upgrade', (request, socket: Duplex, head: Buffer) => {
      const entry = {
        url: request.url ?? '',
        head: head.toString(),
        later: '',
      };
      upgrades.push(entry);
      socket.on('data', (chunk: Buffer) => {
        entry.later += chunk.toString();
      });
      socket.on('end', () => socket.end());
      socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n' +
          'Connection: Upgrade\r\n\r\n',
      );
    });
    server.on('connect', (request, socket: Duplex) => {
      upgrades.push({ url: `CONNECT ${request.url}`, head: '', later: '' });
      socket.end('HTTP/1.1 200 Connection Established\r\n\r\n');
    });
  });

  after(() => client.stopServer(server));

  beforeEach(() => {
    upgrades = [];
    switchable.behaviour = { kind: 'allow' };
  });

  void it('rule blocks a WebSocket handshake', async () => {
    const answer = await exchange(
      port,
      `GET /admin/socket HTTP/1.1\r\n${HANDSHAKE}`,
    );
    assert.match(answer, /^HTTP\/1\.1 403 Forbidden\r\n/);
    assert.match(answer, /\r\nconnection: close\r\n/);
    assert.deepEqual(upgrades, []);
  });

  void it('encoded path blocked as well', async () => {
    const answer = await exchange(
      port,
      `GET /%61dmin/../admin/x HTTP/1.1\r\n${HANDSHAKE}`,
    );
    assert.match(answer, /^HTTP\/1\.1 403 /);
    assert.deepEqual(upgrades, []);
  });

  void it('allowed handshake keeps its bytes', async () => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.write(`GET /public/socket HTTP/1.1\r\n${HANDSHAKE}first-frame`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.end('second-frame');
    await once(socket, 'close');
    assert.match(Buffer.concat(chunks).toString(), /^HTTP\/1\.1 101 /);
    assert.equal(upgrades.length, 1);
    assert.equal(upgrades[0].url, '/public/socket');
    assert.equal(
      upgrades[0].head + upgrades[0].later,
      'first-framesecond-frame',
    );
  });

  void it('async filter blocks a handshake', async () => {
    switchable.behaviour = {
      kind: 'async',
      delayMs: 20,
      verdict: { action: 'block', status: 401, headers: { 'x-why': 'token' } },
    };
    const answer = await exchange(
      port,
      `GET /public/socket HTTP/1.1\r\n${HANDSHAKE}`,
    );
    assert.match(answer, /^HTTP\/1\.1 401 Unauthorized\r\n/);
    assert.match(answer, /\r\nx-why: token\r\n/);
    assert.deepEqual(upgrades, []);
  });

  void it('async filter allows with head kept', async () => {
    switchable.behaviour = { kind: 'async', delayMs: 20 };
    const socket = connect(port, '127.0.0.1');
    socket.write(`GET /public/socket HTTP/1.1\r\n${HANDSHAKE}early-frame`);
    socket.resume();
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.end();
    await once(socket, 'close');
    assert.equal(upgrades.length, 1);
    assert.equal(upgrades[0].head + upgrades[0].later, 'early-frame');
  });

  void it('rule blocks a CONNECT request', async () => {
    const answer = await exchange(
      port,
      'CONNECT /admin/tunnel HTTP/1.1\r\nHost: test\r\n\r\n',
    );
    assert.match(answer, /^HTTP\/1\.1 403 /);
    assert.deepEqual(upgrades, []);
  });
});
