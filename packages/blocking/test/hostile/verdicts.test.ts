import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  ATTR_BLOCKING_DECISION,
  ATTR_BLOCKING_FAILURE,
  createBlockingEngine,
} from '../../src';
import type { BlockingHttpInstrumentationConfig } from '../../src';
import { SwitchFilter } from '../support/switchboard';
import { setupBlocking } from '../support/tracing';
// The client loads node:http only when called, after setupBlocking.
import * as client from '../support/client';

const hostile = new SwitchFilter('hostile', ['headers']);
const failOpen: BlockingHttpInstrumentationConfig = {
  engine: createBlockingEngine({ filters: [hostile] }),
};
const failClosed: BlockingHttpInstrumentationConfig = {
  engine: createBlockingEngine({ filters: [hostile], failClosed: true }),
};
const tracing = setupBlocking(failOpen);

/** Returns a verdict whose `action` getter throws a value that is not an Error. */
function throwingAction(): unknown {
  return {
    get action(): string {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw 'not an Error';
    },
  };
}

/** Returns a verdict whose header is valid on the first read only. */
function changingHeader(): unknown {
  let reads = 0;
  return {
    action: 'block',
    headers: {
      get 'x-reason'(): string {
        reads += 1;
        return reads === 1 ? 'ok' : 'ok\r\nset-cookie: session=stolen';
      },
    },
  };
}

/** Returns a verdict whose body serializes as JSON on the first call only. */
function changingBody(): unknown {
  let calls = 0;
  return {
    action: 'block',
    body: {
      toJSON(): unknown {
        calls += 1;
        return calls === 1 ? { message: 'first' } : undefined;
      },
    },
  };
}

void describe('hostile verdicts', () => {
  let server: Server;
  let base: string;
  let reached = 0;

  before(async () => {
    ({ server, base } = await client.startServer((_request, response) => {
      reached += 1;
      response.setHeader('x-app', 'yes');
      response.end('from the app');
    }));
  });

  after(() => client.stopServer(server));

  beforeEach(() => {
    reached = 0;
    hostile.behaviour = { kind: 'allow' };
    tracing.instrumentation.setConfig(failOpen);
    tracing.reset();
  });

  void it('throwing field fails closed', async () => {
    tracing.instrumentation.setConfig(failClosed);
    hostile.behaviour = { kind: 'garbage', value: throwingAction() };
    const response = await client.send(`${base}/x`);
    assert.equal(response.status, 403);
    assert.equal(reached, 0);
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_DECISION], 'block');
    assert.equal(span.attributes[ATTR_BLOCKING_FAILURE], 'invalid');
  });

  void it('throwing field fails open', async () => {
    hostile.behaviour = { kind: 'garbage', value: throwingAction() };
    const response = await client.send(`${base}/x`);
    assert.equal(response.status, 200);
    assert.equal(response.text, 'from the app');
    assert.equal(reached, 1);
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_DECISION], 'monitor');
    assert.equal(span.attributes[ATTR_BLOCKING_FAILURE], 'invalid');
  });

  void it('header read twice sends the checked value', async () => {
    hostile.behaviour = { kind: 'garbage', value: changingHeader() };
    const response = await client.send(`${base}/x`);
    assert.equal(response.status, 403);
    assert.equal(response.headers['x-reason'], 'ok');
    assert.equal(response.headers['set-cookie'], undefined);
    assert.equal(response.headers['x-app'], undefined);
    assert.equal(reached, 0);
  });

  void it('body serialized once is the one sent', async () => {
    hostile.behaviour = { kind: 'garbage', value: changingBody() };
    const response = await client.send(`${base}/x`);
    assert.equal(response.status, 403);
    assert.deepEqual(JSON.parse(response.text), { message: 'first' });
    assert.equal(reached, 0);
  });
});
