import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  ATTR_BLOCKING_BODY_SKIPPED,
  ATTR_BLOCKING_FILTER,
  ATTR_BLOCKING_RULE,
  createBlockingEngine,
} from '../../src';
import type { BodyStageOptions } from '../../src';
import { SwitchFilter } from '../support/switchboard';
import { setupBlocking } from '../support/tracing';
// The client loads node:http only when called, after setupBlocking.
import * as client from '../support/client';

const KIB = 1024;
const BODY_BYTES = 150 * KIB;
const FIRST_PART = 100 * KIB;
// Two first parts fit, the third passes the total.
const LIMITS: BodyStageOptions = {
  maxBytes: 200 * KIB,
  maxTotalBytes: 256 * KIB,
  timeoutMs: 5000,
};

const bodyFilter = new SwitchFilter('held-memory', ['body']);
const engine = createBlockingEngine({ filters: [bodyFilter] });
const tracing = setupBlocking({ engine, bodyStage: LIMITS });

/** An upload whose body the test sends in two parts. */
interface Upload {
  readonly socket: Socket;
  readonly response: Promise<string>;
}

function startUpload(port: number, path: string): Upload {
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: test\r\nContent-Length: ${BODY_BYTES}\r\n` +
      'Connection: close\r\n\r\n',
  );
  socket.write(Buffer.alloc(FIRST_PART, 1));
  const response = once(socket, 'close').then(() =>
    Buffer.concat(chunks).toString('latin1'),
  );
  return { socket, response };
}

function finishUpload(upload: Upload): void {
  upload.socket.end(Buffer.alloc(BODY_BYTES - FIRST_PART, 2));
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

void describe('held bytes of all requests', () => {
  let server: Server;
  let port: number;
  let reached: string[] = [];
  let lengths: Map<string, number>;

  before(async () => {
    ({ server, port } = await client.startServer((request, response) => {
      reached.push(request.url ?? '');
      client.readAll(request).then(
        (body) => {
          lengths.set(request.url ?? '', body.length);
          response.end(`got ${body.length}`);
        },
        () => undefined,
      );
    }));
  });

  after(() => client.stopServer(server));

  beforeEach(() => {
    reached = [];
    lengths = new Map();
    bodyFilter.behaviour = { kind: 'allow' };
    bodyFilter.seen.length = 0;
    tracing.instrumentation.setConfig({ engine, bodyStage: LIMITS });
    tracing.reset();
  });

  void it('hold past the total goes on unchecked', async () => {
    const first = startUpload(port, '/first');
    const second = startUpload(port, '/second');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(reached, [], 'both first parts are held');
    const third = startUpload(port, '/third');
    await waitFor(() => reached.includes('/third'), 'the third upload');
    assert.deepEqual(reached, ['/third']);
    for (const upload of [first, second, third]) finishUpload(upload);
    await Promise.all([first.response, second.response, third.response]);
    for (const path of ['/first', '/second', '/third']) {
      assert.equal(lengths.get(path), BODY_BYTES, path);
    }
    assert.equal(bodyFilter.seen.length, 2);
    const skipped = [];
    for (let index = 0; index < 3; index += 1) {
      const span = await tracing.nextServerSpan();
      skipped.push(span.attributes[ATTR_BLOCKING_BODY_SKIPPED]);
    }
    assert.deepEqual(
      skipped.filter((value) => value !== undefined),
      ['total_limit'],
    );
  });

  void it('released holds give their bytes back', async () => {
    for (let round = 0; round < 4; round += 1) {
      const upload = startUpload(port, `/round${round}`);
      finishUpload(upload);
      await upload.response;
    }
    const aborted = startUpload(port, '/aborted');
    await new Promise((resolve) => setTimeout(resolve, 100));
    aborted.socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const first = startUpload(port, '/first');
    const second = startUpload(port, '/second');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(reached, ['/round0', '/round1', '/round2', '/round3']);
    finishUpload(first);
    finishUpload(second);
    await Promise.all([first.response, second.response]);
    assert.equal(bodyFilter.seen.length, 6);
  });

  void it('total limit blocks with 503', async () => {
    tracing.instrumentation.setConfig({
      engine,
      bodyStage: { ...LIMITS, onLimit: 'block' },
    });
    const first = startUpload(port, '/first');
    const second = startUpload(port, '/second');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const third = startUpload(port, '/third');
    const answer = await third.response;
    assert.match(answer, /^HTTP\/1\.1 503 /);
    finishUpload(first);
    finishUpload(second);
    await Promise.all([first.response, second.response]);
    assert.deepEqual(reached.sort(), ['/first', '/second']);
    const rules = [];
    for (let index = 0; index < 3; index += 1) {
      const span = await tracing.nextServerSpan();
      if (span.attributes[ATTR_BLOCKING_FILTER] !== undefined) {
        rules.push(span.attributes[ATTR_BLOCKING_RULE]);
      }
    }
    assert.deepEqual(rules, ['total_limit']);
  });
});
