import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Filter, RequestView, Verdict } from '../../src';
import { createBlockingEngine } from '../../src';
import { setupBlocking } from '../support/tracing';
// The client loads node:http only when called, after setupBlocking.
import * as client from '../support/client';

/**
 * An asynchronous filter whose delay and verdict depend on the path, so the
 * first request of a pipeline can be the slowest to decide.
 */
class PathDelayFilter implements Filter {
  readonly name = 'path-delay';
  delays = new Map<string, number>();
  blocked = new Set<string>();
  calls = 0;

  check(view: RequestView): Promise<Verdict | undefined> {
    this.calls += 1;
    const delay = this.delays.get(view.path) ?? 0;
    const verdict: Verdict | undefined = this.blocked.has(view.path)
      ? { action: 'block', reason: 'blocked path' }
      : undefined;
    return new Promise((resolve) => setTimeout(() => resolve(verdict), delay));
  }
}

const filter = new PathDelayFilter();
const tracing = setupBlocking({
  engine: createBlockingEngine({ filters: [filter], timeoutMs: 2000 }),
});

function pipeline(paths: readonly string[]): string {
  return paths
    .map((path) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)
    .join('');
}

/** Writes bytes in one go and reads until the bytes received end with `expectedEnd`. */
async function exchange(
  port: number,
  bytes: string,
  expectedEnd: string,
): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.write(bytes);
  const deadline = Date.now() + 5000;
  while (!Buffer.concat(chunks).toString('latin1').endsWith(expectedEnd)) {
    if (Date.now() > deadline) throw new Error('responses did not arrive');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  socket.end();
  await once(socket, 'close');
  return Buffer.concat(chunks).toString('latin1');
}

void describe('pipelined requests', () => {
  let server: Server;
  let port: number;
  let handled: string[] = [];

  before(async () => {
    ({ server, port } = await client.startServer((request, response) => {
      handled.push(request.url ?? '');
      // Without a date the bytes of two runs can be compared.
      response.sendDate = false;
      response.end(`ok ${request.url}`);
    }));
  });

  after(() => client.stopServer(server));

  beforeEach(() => {
    handled = [];
    filter.delays = new Map([
      ['/1', 80],
      ['/2', 30],
      ['/3', 0],
    ]);
    filter.blocked = new Set();
    filter.calls = 0;
    tracing.instrumentation.enable();
  });

  void it('reach the app in arrival order', async () => {
    const bytes = pipeline(['/1', '/2', '/3', '/4']);
    const withGate = await exchange(port, bytes, 'ok /4');
    const orderWithGate = handled;
    handled = [];
    tracing.instrumentation.disable();
    const withoutGate = await exchange(port, bytes, 'ok /4');
    assert.deepEqual(orderWithGate, ['/1', '/2', '/3', '/4']);
    assert.deepEqual(handled, ['/1', '/2', '/3', '/4']);
    assert.equal(withGate, withoutGate);
    assert.equal(filter.calls, 4);
  });

  void it('blocked middle request keeps the order', async () => {
    filter.blocked = new Set(['/2']);
    const answer = await exchange(port, pipeline(['/1', '/2', '/3']), 'ok /3');
    assert.deepEqual(handled, ['/1', '/3']);
    const statuses = [...answer.matchAll(/HTTP\/1\.1 (\d+)/g)].map(
      (match) => match[1],
    );
    assert.deepEqual(statuses, ['200', '403', '200']);
    assert.ok(answer.indexOf('ok /1') < answer.indexOf('ok /3'));
  });

  void it('slow first request stops reading', async () => {
    // About 640 KiB of requests: without the pause every one of them would
    // reach the filter while the first one waits.
    const count = 8000;
    const paths = Array.from({ length: count }, (_, index) => `/p${index}`);
    filter.delays = new Map([['/p0', 300]]);
    const socket = connect(port, '127.0.0.1');
    socket.on('data', () => undefined);
    socket.write(pipeline(paths));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const callsWhileFirstWaits = filter.calls;
    const deadline = Date.now() + 10000;
    while (handled.length < count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    socket.destroy();
    assert.ok(
      callsWhileFirstWaits < count / 4,
      `${callsWhileFirstWaits} requests were read while the first waited`,
    );
    assert.equal(handled.length, count);
    assert.deepEqual(handled, paths);
  });
});
