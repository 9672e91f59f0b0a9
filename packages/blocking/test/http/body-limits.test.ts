import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import type { IncomingMessage, Server } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  ATTR_BLOCKING_BODY_SKIPPED,
  ATTR_BLOCKING_DECISION,
  ATTR_BLOCKING_FAILURE,
  createBlockingEngine,
} from '../../src';
import { SwitchFilter } from '../support/switchboard';
import { setupBlocking } from '../support/tracing';
// The client loads node:http only when called, after setupBlocking.
import * as client from '../support/client';

const bodyFilter = new SwitchFilter('limits-body', ['body']);
const engine = createBlockingEngine({ filters: [bodyFilter], timeoutMs: 50 });
const tracing = setupBlocking({
  engine,
  bodyStage: { maxBytes: 64 * 1024, timeoutMs: 300 },
});

void describe('body stage limits', () => {
  let server: Server;
  let base: string;
  let port: number;
  let reached = 0;
  let received: Buffer | undefined;

  before(async () => {
    ({ server, base, port } = await client.startServer((request, response) => {
      reached += 1;
      client.readAll(request).then(
        (body) => {
          received = body;
          response.end(`got ${body.length}`);
        },
        () => undefined,
      );
    }));
  });

  after(() => client.stopServer(server));

  beforeEach(() => {
    reached = 0;
    received = undefined;
    bodyFilter.behaviour = { kind: 'allow' };
    bodyFilter.seen.length = 0;
    tracing.instrumentation.setConfig({
      engine,
      bodyStage: { maxBytes: 64 * 1024, timeoutMs: 300 },
    });
    tracing.reset();
  });

  void it('oversize body passes unchecked by default', async () => {
    const body = Buffer.alloc(200 * 1024, 3);
    const response = await client.send(`${base}/big`, { method: 'POST', body });
    assert.equal(response.text, `got ${body.length}`);
    assert.deepEqual(received, body);
    assert.equal(bodyFilter.seen.length, 0);
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_BODY_SKIPPED], 'size_limit');
  });

  void it('oversize body blocked with 413', async () => {
    tracing.instrumentation.setConfig({
      engine,
      bodyStage: { maxBytes: 64 * 1024, onLimit: 'block' },
    });
    const outcome = await client
      .send(`${base}/big`, { method: 'POST', body: Buffer.alloc(200 * 1024) })
      .catch((error: NodeJS.ErrnoException) => error);
    if (!(outcome instanceof Error)) {
      assert.equal(outcome.status, 413);
      assert.equal(outcome.headers.connection, 'close');
    }
    assert.equal(reached, 0);
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_DECISION], 'block');
    assert.equal(span.attributes[ATTR_BLOCKING_BODY_SKIPPED], 'size_limit');
  });

  void it('slow body passes after time limit', async () => {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      'POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabcde',
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(reached, 1, 'the app got the request after the time limit');
    socket.write('fghij');
    const [data] = (await once(socket, 'data')) as [Buffer];
    assert.match(data.toString(), /got 10/);
    assert.equal(received?.toString(), 'abcdefghij');
    socket.destroy();
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_BODY_SKIPPED], 'time_limit');
  });

  void it('slow body blocked with 408', async () => {
    tracing.instrumentation.setConfig({
      engine,
      bodyStage: { timeoutMs: 100, onLimit: 'block' },
    });
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      'POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab',
    );
    const [data] = (await once(socket, 'data')) as [Buffer];
    assert.match(data.toString(), /^HTTP\/1\.1 408 /);
    assert.match(data.toString(), /connection: close/i);
    socket.destroy();
    assert.equal(reached, 0);
  });

  void it('client abort while held', async () => {
    // An own emit on the instance receives each request before the gate.
    const requests: IncomingMessage[] = [];
    type Emit = (event: string | symbol, ...args: unknown[]) => boolean;
    // The prototype's emit, called with the server as `this` below.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const gatedEmit = server.emit as Emit;
    server.emit = function recordRequest(
      this: Server,
      event: string | symbol,
      ...args: unknown[]
    ): boolean {
      if (event === 'request') requests.push(args[0] as IncomingMessage);
      return gatedEmit.call(this, event, ...args);
    };

    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      'POST /abort HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\npartial',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_BODY_SKIPPED], 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(reached, 0, 'the app never saw the aborted request');
    delete (server as { emit?: unknown }).emit;
    assert.equal(requests.length, 1);
    assert.equal(requests[0].listenerCount('close'), 0);
    assert.equal(requests[0].listenerCount('aborted'), 0);
    // The server still serves the next request.
    const response = await client.send(`${base}/after`, {
      method: 'POST',
      body: 'ok',
    });
    assert.equal(response.text, 'got 2');
  });

  void it('fail closed blocks on failure', async () => {
    const failing = createBlockingEngine({
      filters: [bodyFilter],
      failClosed: true,
      timeoutMs: 30,
    });
    tracing.instrumentation.setConfig({ engine: failing });
    for (const behaviour of [
      { kind: 'throw' as const },
      { kind: 'hang' as const },
      { kind: 'garbage' as const, value: { action: 'block', status: 99 } },
    ]) {
      bodyFilter.behaviour = behaviour;
      const response = await client.send(`${base}/closed`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(response.status, 403, behaviour.kind);
      const span = await tracing.nextServerSpan();
      assert.equal(span.attributes[ATTR_BLOCKING_DECISION], 'block');
      assert.ok(span.attributes[ATTR_BLOCKING_FAILURE] !== undefined);
    }
    assert.equal(reached, 0);
  });

  void it('keep-alive and pipelined requests', async () => {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    const requests = ['one', 'two', 'three']
      .map(
        (body) =>
          `POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      )
      .join('');
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.write(requests);
    const deadline = Date.now() + 3000;
    while ((text.match(/got \d/g) ?? []).length < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    socket.destroy();
    assert.deepEqual(text.match(/got \d/g), ['got 3', 'got 3', 'got 5']);
    assert.deepEqual(
      bodyFilter.seen.map((entry) => entry.bodyText),
      ['one', 'two', 'three'],
    );
  });
});
