import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Filter, RequestView, Verdict } from '../../src';
import { createBlockingEngine } from '../../src';
import { setupBlocking } from '../support/tracing';
// The client loads node:http only when called, after setupBlocking.
import * as client from '../support/client';

/**
 * Holds the paths it lists at the headers stage for a while, and blocks
 * every body that contains "attack".
 */
class SlowHeadersBodyFilter implements Filter {
  readonly name = 'slow-headers-body';
  readonly stages: Filter['stages'] = ['headers', 'body'];
  delays = new Map<string, number>();
  bodies: string[] = [];

  check(view: RequestView): Promise<Verdict | undefined> | undefined {
    if (view.stage === 'body') {
      const text = view.bodyText ?? '';
      this.bodies.push(`${view.path} ${text}`);
      return text.includes('attack')
        ? Promise.resolve({ action: 'block', reason: 'attack in body' })
        : undefined;
    }
    const delay = this.delays.get(view.path) ?? 0;
    if (delay === 0) return undefined;
    return new Promise((resolve) =>
      setTimeout(() => resolve(undefined), delay),
    );
  }
}

const filter = new SlowHeadersBodyFilter();
const engine = createBlockingEngine({ filters: [filter], timeoutMs: 2000 });
// The hold's time limit is short, so a hold that waits for a body that
// already went by ends within the test.
const BODY_STAGE = { timeoutMs: 300 };
const tracing = setupBlocking({ engine, bodyStage: BODY_STAGE });

const ATTACK_UPLOAD =
  'POST /upload HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\n' +
  'Content-Type: text/plain\r\nContent-Length: 6\r\n\r\nattack';

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

/**
 * Writes `parts` with `gapMs` between them and returns what arrived once
 * `count` responses with a final status came, and the milliseconds that took.
 */
async function exchangeUntil(
  port: number,
  parts: readonly string[],
  gapMs: number,
  count: number,
): Promise<{ answer: string; elapsedMs: number }> {
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const started = Date.now();
  for (const [index, part] of parts.entries()) {
    if (index > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    socket.write(part, 'latin1');
  }
  const deadline = started + 5000;
  while (finalStatuses(answer).length < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const elapsedMs = Date.now() - started;
  socket.destroy();
  return { answer, elapsedMs };
}

function finalStatuses(answer: string): string[] {
  return statuses(answer).filter((status) => status !== '100');
}

/** Builds an upload that does not wait for 100 Continue, with latin1 text. */
function upload(path: string, body: Buffer | string): string {
  const length =
    typeof body === 'string' ? Buffer.byteLength(body, 'latin1') : body.length;
  return (
    `POST ${path} HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\n` +
    `Content-Type: application/octet-stream\r\nContent-Length: ${length}\r\n\r\n` +
    (typeof body === 'string' ? body : body.toString('latin1'))
  );
}

function digest(bytes: Buffer | string): string {
  const buffer =
    typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
  return `${buffer.length} ${createHash('sha256').update(buffer).digest('hex')}`;
}

function statuses(answer: string): string[] {
  return [...answer.matchAll(/HTTP\/1\.1 (\d+)/g)].map((match) => match[1]);
}

void describe('body sent before a late checkContinue hand-over', () => {
  let server: Server;
  let port: number;
  let bodies: string[] = [];
  let digests: string[] = [];
  let continueDelayMs = 0;

  before(async () => {
    ({ server, port } = await client.startServer((request, response) => {
      if (request.url === '/ignored') {
        response.end('ignored');
        return;
      }
      // Node's own flag, before this listener reads.
      const didRead = request.readableDidRead;
      client.readAll(request).then(
        (bytes) => {
          bodies.push(`${request.url} ${bytes.toString('latin1')}`);
          digests.push(`${request.url} ${didRead} ${digest(bytes)}`);
          response.end('stored');
        },
        () => undefined,
      );
    }));
    // An application that sends 100 Continue itself, after a check of its
    // own, and then passes the request to its request listener.
    server.on('checkContinue', (request, response) => {
      setTimeout(() => {
        response.writeContinue();
        server.emit('request', request, response);
      }, continueDelayMs);
    });
  });

  after(() => client.stopServer(server));

  beforeEach(() => {
    tracing.instrumentation.setConfig({ engine, bodyStage: BODY_STAGE });
    bodies = [];
    digests = [];
    filter.bodies = [];
    filter.delays = new Map();
    continueDelayMs = 0;
  });

  void it('body stage sees an early body', async () => {
    // A client may send the body without waiting for 100 Continue.
    continueDelayMs = 50;
    const answer = await exchange(port, ATTACK_UPLOAD, 600);
    assert.deepEqual(filter.bodies, ['/upload attack']);
    assert.deepEqual(bodies, []);
    assert.deepEqual(statuses(answer), ['100', '403']);
  });

  void it('body stage sees a pipelined body', async () => {
    filter.delays = new Map([['/first', 100]]);
    const answer = await exchange(
      port,
      'GET /first HTTP/1.1\r\nHost: test\r\n\r\n' + ATTACK_UPLOAD,
      600,
    );
    assert.deepEqual(filter.bodies, ['/first ', '/upload attack']);
    assert.deepEqual(bodies, ['/first ']);
    assert.deepEqual(statuses(answer), ['200', '100', '403']);
  });

  void it('body split across the hand-over', async () => {
    // The first bytes come before the hand-over, the rest after it.
    continueDelayMs = 50;
    const { answer } = await exchangeUntil(
      port,
      [ATTACK_UPLOAD.slice(0, -3), ATTACK_UPLOAD.slice(-3)],
      200,
      1,
    );
    assert.deepEqual(filter.bodies, ['/upload attack']);
    assert.deepEqual(bodies, []);
    assert.deepEqual(statuses(answer), ['100', '403']);
  });

  void it('early body reaches the app unchanged', async () => {
    // Larger than the request's high-water mark, so the parser stops
    // reading before the hand-over and the rest arrives during the hold.
    const body = Buffer.alloc(200_000);
    // ASCII letters, so the filter's decoded text has the same bytes.
    for (let i = 0; i < body.length; i += 1) {
      body[i] = 97 + ((i * 7919) % 26);
    }
    const small = 'a=1&b=2';
    const traffic = async (): Promise<string[]> => {
      digests = [];
      const { answer } = await exchangeUntil(
        port,
        [upload('/large', body) + upload('/small', small)],
        0,
        2,
      );
      assert.deepEqual(finalStatuses(answer), ['200', '200']);
      return digests;
    };
    continueDelayMs = 50;
    const withGate = await traffic();
    assert.equal(filter.bodies.length, 2);
    assert.equal(filter.bodies[0], `/large ${body.toString('latin1')}`);
    tracing.instrumentation.setConfig({});
    const without = await traffic();
    assert.deepEqual(withGate, [
      `/large false ${digest(body)}`,
      `/small false ${digest(small)}`,
    ]);
    assert.deepEqual(withGate, without);
  });

  void it('early body over the size limit', async () => {
    tracing.instrumentation.setConfig({
      engine,
      bodyStage: { ...BODY_STAGE, maxBytes: 4, onLimit: 'block' },
    });
    continueDelayMs = 50;
    const { answer } = await exchangeUntil(port, [ATTACK_UPLOAD], 0, 1);
    assert.deepEqual(statuses(answer), ['100', '413']);
    assert.deepEqual(filter.bodies, []);
    assert.deepEqual(bodies, []);
  });

  void it('early part of a body times out', async () => {
    tracing.instrumentation.setConfig({
      engine,
      bodyStage: { ...BODY_STAGE, onLimit: 'block' },
    });
    continueDelayMs = 50;
    const { answer } = await exchangeUntil(
      port,
      [ATTACK_UPLOAD.slice(0, -3)],
      0,
      1,
    );
    assert.deepEqual(statuses(answer), ['100', '408']);
    assert.deepEqual(filter.bodies, []);
    assert.deepEqual(bodies, []);
  });

  void it('pipelined upload does not wait for the time limit', async () => {
    // A hold that waited for bytes that already went by would end only
    // after this time limit.
    tracing.instrumentation.setConfig({
      engine,
      bodyStage: { timeoutMs: 3000 },
    });
    filter.delays = new Map([['/first', 100]]);
    const { answer, elapsedMs } = await exchangeUntil(
      port,
      ['GET /first HTTP/1.1\r\nHost: test\r\n\r\n' + upload('/upload', 'fine')],
      0,
      2,
    );
    assert.deepEqual(statuses(answer), ['200', '100', '200']);
    assert.deepEqual(bodies, ['/first ', '/upload fine']);
    assert.ok(elapsedMs < 2000, `both responses took ${elapsedMs} ms`);
  });

  void it('ignored partial body is drained', async () => {
    // The time limit lets the request go with part of its body. The rest,
    // larger than the request's high-water mark, comes after the response
    // and must be drained for the next request of the connection.
    continueDelayMs = 50;
    const head =
      'POST /ignored HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\n' +
      'Content-Length: 100000\r\n\r\n';
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.write(head + 'x'.repeat(10));
    const waitFor = async (count: number): Promise<void> => {
      const deadline = Date.now() + 3000;
      while (finalStatuses(answer).length < count && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    await waitFor(1);
    socket.write(
      'x'.repeat(99_990) + 'GET /next HTTP/1.1\r\nHost: test\r\n\r\n',
    );
    await waitFor(2);
    socket.destroy();
    assert.deepEqual(statuses(answer), ['100', '200', '200']);
    assert.deepEqual(bodies, ['/next ']);
  });

  void it('early body as text with an encoding', async () => {
    // An application that reads text sets the encoding before the
    // hand-over, so the buffered bytes are already decoded.
    const { server: textServer, port: textPort } = await client.startServer(
      (request, response) => {
        const chunks: unknown[] = [];
        request.on('data', (chunk: unknown) => chunks.push(chunk));
        request.on('end', () => {
          const allText = chunks.every((chunk) => typeof chunk === 'string');
          bodies.push(`${request.url} ${allText} ${chunks.join('')}`);
          response.end('read');
        });
      },
    );
    textServer.on('checkContinue', (request, response) => {
      request.setEncoding('latin1');
      setTimeout(() => {
        response.writeContinue();
        textServer.emit('request', request, response);
      }, 50);
    });
    const text = 'na\u00efve caf\u00e9';
    const traffic = async (): Promise<string[]> => {
      bodies = [];
      const { answer } = await exchangeUntil(
        textPort,
        [upload('/text', text)],
        0,
        1,
      );
      assert.deepEqual(statuses(answer), ['100', '200']);
      return bodies;
    };
    try {
      const withGate = await traffic();
      assert.equal(filter.bodies.length, 1);
      tracing.instrumentation.setConfig({});
      const without = await traffic();
      assert.deepEqual(withGate, [`/text true ${text}`]);
      assert.deepEqual(withGate, without);
    } finally {
      await client.stopServer(textServer);
    }
  });
});
