import assert from 'node:assert/strict';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  ATTR_BLOCKING_DECISION,
  ATTR_BLOCKING_STAGE,
  ATTR_BLOCKING_TOO_LATE,
  createBlockingEngine,
} from '../../src';
import { SwitchFilter } from '../support/switchboard';
import { setupBlocking } from '../support/tracing';
// The client loads node:http only when called, after setupBlocking.
import * as client from '../support/client';

const headersFilter = new SwitchFilter('continue-headers', ['headers']);
const bodyFilter = new SwitchFilter('continue-body', ['body']);
const tracing = setupBlocking({
  engine: createBlockingEngine({ filters: [headersFilter, bodyFilter] }),
});

interface Outcome {
  status: number;
  text: string;
  /** True when the server sent 100 Continue. */
  continued: boolean;
}

/** Sends a body only after 100 Continue, as curl and browsers may. */
function sendWithExpect(base: string, body: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    let continued = false;
    const request = client.http().request(`${base}/upload`, {
      method: 'POST',
      headers: {
        expect: '100-continue',
        'content-type': 'text/plain',
        'content-length': Buffer.byteLength(body),
      },
    });
    request.on('continue', () => {
      continued = true;
      request.end(body);
    });
    request.on('response', (response: IncomingMessage) => {
      client.readAll(response).then(
        (bytes) =>
          resolve({
            status: response.statusCode ?? 0,
            text: bytes.toString(),
            continued,
          }),
        reject,
      );
    });
    request.on('error', reject);
  });
}

// The gate starts a server span of its own for each checkContinue event and
// ends it when the application's listener gets the request. A request that
// the listener emits again gets instrumentation-http's span after it.
void describe('Expect: 100-continue', () => {
  let plain: { server: Server; base: string };
  let early: { server: Server; base: string };
  let deciding: { server: Server; base: string };
  let handled: string[] = [];
  let checkContinueCalls = 0;

  const handler = (
    request: IncomingMessage,
    response: ServerResponse,
  ): void => {
    client.readAll(request).then(
      (body) => {
        handled.push(body.toString());
        response.end('stored');
      },
      () => undefined,
    );
  };

  before(async () => {
    plain = await client.startServer(handler);
    deciding = await client.startServer(handler);
    // This application sends its response headers before the body stage.
    early = await client.startServer(handler);
    early.server.on('checkContinue', (request, response) => {
      response.writeContinue();
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.flushHeaders();
      early.server.emit('request', request, response);
      setTimeout(() => response.end('answered early'), 100);
    });
    deciding.server.on('checkContinue', (request, response) => {
      checkContinueCalls += 1;
      response.writeContinue();
      deciding.server.emit('request', request, response);
    });
  });

  after(async () => {
    await client.stopServer(plain.server);
    await client.stopServer(deciding.server);
    await client.stopServer(early.server);
  });

  beforeEach(() => {
    handled = [];
    checkContinueCalls = 0;
    headersFilter.behaviour = { kind: 'allow' };
    bodyFilter.behaviour = { kind: 'allow' };
    headersFilter.seen.length = 0;
    tracing.reset();
  });

  void it('node answers 100 and body passes', async () => {
    const outcome = await sendWithExpect(plain.base, 'hello');
    assert.equal(outcome.continued, true);
    assert.equal(outcome.text, 'stored');
    assert.deepEqual(handled, ['hello']);
  });

  void it('node answers 100 and body blocked', async () => {
    bodyFilter.behaviour = { kind: 'block' };
    const outcome = await sendWithExpect(plain.base, 'hello');
    assert.equal(outcome.status, 403);
    assert.deepEqual(handled, []);
  });

  void it('app listener skipped on headers block', async () => {
    headersFilter.behaviour = { kind: 'block' };
    const outcome = await sendWithExpect(deciding.base, 'hello');
    assert.equal(outcome.status, 403);
    assert.equal(outcome.continued, false, 'no 100 Continue was sent');
    assert.equal(checkContinueCalls, 0);
    assert.deepEqual(handled, []);
  });

  void it('app sends 100 and body blocked', async () => {
    bodyFilter.behaviour = { kind: 'block' };
    const outcome = await sendWithExpect(deciding.base, 'hello');
    assert.equal(outcome.continued, true);
    assert.equal(outcome.status, 403);
    assert.equal(checkContinueCalls, 1);
    assert.deepEqual(handled, []);
    const gateSpan = await tracing.nextServerSpan();
    assert.equal(gateSpan.attributes[ATTR_BLOCKING_DECISION], undefined);
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_STAGE], 'body');
  });

  void it('block after headers sent', async () => {
    bodyFilter.behaviour = { kind: 'block' };
    const outcome = await sendWithExpect(early.base, 'hello');
    assert.equal(outcome.status, 200);
    assert.equal(outcome.text, 'answered early');
    assert.deepEqual(handled, []);
    await tracing.nextServerSpan();
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_TOO_LATE], true);
    assert.equal(span.attributes[ATTR_BLOCKING_DECISION], 'block');
  });

  void it('app sends 100 and body passes', async () => {
    const outcome = await sendWithExpect(deciding.base, 'hello');
    assert.equal(outcome.text, 'stored');
    assert.equal(checkContinueCalls, 1);
    assert.deepEqual(handled, ['hello']);
    // The headers stage ran once, for checkContinue, not again for request.
    assert.equal(headersFilter.seen.length, 1);
  });
});
