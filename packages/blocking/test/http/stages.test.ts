import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Server } from 'node:http';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  ATTR_BLOCKING_DECISION,
  ATTR_BLOCKING_FAILURE,
  ATTR_BLOCKING_FILTER,
  ATTR_BLOCKING_REASON,
  ATTR_BLOCKING_STAGE,
  EVENT_BLOCKING_DECISION,
  createBlockingEngine,
} from '../../src';
import { setupBlocking } from '../support/tracing';
import { SwitchFilter } from '../support/switchboard';
// The client loads node:http only when called, after setupBlocking.
import * as client from '../support/client';

const headersFilter = new SwitchFilter('test-headers', ['headers']);
const bodyFilter = new SwitchFilter('test-body', ['body']);
const monitorFilter = new SwitchFilter('test-monitor', ['headers'], 'monitor');
const engine = createBlockingEngine({
  filters: [monitorFilter, headersFilter, bodyFilter],
  timeoutMs: 100,
});
const tracing = setupBlocking({ engine });

// Loaded after setupBlocking, as an application preloaded with the agent.

interface Reached {
  count: number;
  body?: Buffer;
}

void describe('http blocking stages', () => {
  let server: Server;
  let base: string;
  const reached: Reached = { count: 0 };

  before(async () => {
    ({ server, base } = await client.startServer((request, response) => {
      reached.count += 1;
      client.readAll(request).then(
        (body) => {
          reached.body = body;
          response.setHeader('content-type', 'text/plain');
          response.end(`got ${body.length}`);
        },
        () => response.destroy(),
      );
    }));
  });

  after(() => client.stopServer(server));

  beforeEach(() => {
    reached.count = 0;
    reached.body = undefined;
    headersFilter.behaviour = { kind: 'allow' };
    bodyFilter.behaviour = { kind: 'allow' };
    monitorFilter.behaviour = { kind: 'allow' };
    headersFilter.seen.length = 0;
    bodyFilter.seen.length = 0;
    tracing.reset();
  });

  void it('allowed request reaches the app', async () => {
    const response = await client.send(`${base}/ok`);
    assert.equal(response.status, 200);
    assert.equal(reached.count, 1);
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_DECISION], undefined);
  });

  void it('headers block never reaches the handler', async () => {
    headersFilter.behaviour = { kind: 'block' };
    const response = await client.send(`${base}/admin?token=abc`);
    assert.equal(response.status, 403);
    assert.equal(reached.count, 0);
    assert.match(String(response.headers['content-type']), /application\/json/);
    assert.equal(response.text.includes('abc'), false);
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_DECISION], 'block');
    assert.equal(span.attributes[ATTR_BLOCKING_FILTER], 'test-headers');
    assert.equal(span.attributes[ATTR_BLOCKING_STAGE], 'headers');
    assert.equal(span.attributes[ATTR_BLOCKING_REASON], 'test block');
    assert.equal(eventsOf(span).length, 1);
  });

  void it('html block page for browsers', async () => {
    headersFilter.behaviour = { kind: 'block' };
    const response = await client.send(`${base}/page`, {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    assert.equal(response.status, 403);
    assert.match(String(response.headers['content-type']), /text\/html/);
    assert.match(response.text, /<h1>403 Forbidden<\/h1>/);
  });

  void it('filter status, headers and body honoured', async () => {
    headersFilter.behaviour = {
      kind: 'block',
      verdict: {
        status: 429,
        headers: { 'Retry-After': '7' },
        body: { error: 'slow down' },
      },
    };
    const response = await client.send(`${base}/limited`);
    assert.equal(response.status, 429);
    assert.equal(response.headers['retry-after'], '7');
    assert.deepEqual(JSON.parse(response.text), { error: 'slow down' });
  });

  void it('body block never reaches the handler', async () => {
    bodyFilter.behaviour = { kind: 'block' };
    const response = await client.send(`${base}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ item: 'x', count: 2 }),
    });
    assert.equal(response.status, 403);
    assert.equal(reached.count, 0);
    assert.equal(bodyFilter.seen.length, 1);
    assert.deepEqual(bodyFilter.seen[0].body, { item: 'x', count: 2 });
    // The whole body was read, so the connection is not closed.
    assert.notEqual(response.headers.connection, 'close');
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_STAGE], 'body');
    assert.equal(
      span.attributes['http.request.body'],
      '{"item":"x","count":2}',
    );
  });

  void it('headers block closes unread body', async () => {
    headersFilter.behaviour = { kind: 'block' };
    const response = await client
      .send(`${base}/upload`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: Buffer.alloc(200_000, 1),
      })
      .catch((error: NodeJS.ErrnoException) => error);
    if (response instanceof Error) {
      // The server may close before the client finished writing.
      assert.match(String(response.code), /ECONNRESET|EPIPE/);
    } else {
      assert.equal(response.status, 403);
      assert.equal(response.headers.connection, 'close');
    }
    assert.equal(reached.count, 0);
  });

  void it('allowed body arrives byte for byte', async () => {
    const parts = [Buffer.from('{"a":'), Buffer.from('"é€"'), Buffer.from('}')];
    const response = await client.send(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: parts,
    });
    assert.equal(response.status, 200);
    assert.deepEqual(reached.body, Buffer.concat(parts));
    assert.deepEqual(bodyFilter.seen[0].body, { a: 'é€' });
    // Capture taps push too: the replayed body is recorded once, whole.
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes['http.request.body'], '{"a":"é€"}');
    assert.equal(
      span.attributes['http.request.body.size'],
      Buffer.concat(parts).length,
    );
  });

  void it('gzip body decoded for filters only', async () => {
    const plain = JSON.stringify({ query: 'compressed' });
    const compressed = gzipSync(plain);
    const response = await client.send(`${base}/gz`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      body: compressed,
    });
    assert.equal(response.status, 200);
    assert.deepEqual(reached.body, compressed);
    assert.equal(bodyFilter.seen[0].bodyText, plain);
  });

  void it('form body parsed into fields', async () => {
    await client.send(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user=ann&role=a&role=b',
    });
    assert.deepEqual(
      { ...(bodyFilter.seen[0].body as object) },
      {
        user: 'ann',
        role: ['a', 'b'],
      },
    );
  });

  void it('throwing filter fails open', async () => {
    headersFilter.behaviour = { kind: 'throw' };
    const response = await client.send(`${base}/x`);
    assert.equal(response.status, 200);
    assert.equal(reached.count, 1);
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_DECISION], 'monitor');
    assert.equal(span.attributes[ATTR_BLOCKING_FAILURE], 'threw');
  });

  void it('hanging filter times out open', async () => {
    headersFilter.behaviour = { kind: 'hang' };
    const started = Date.now();
    const response = await client.send(`${base}/x`);
    assert.equal(response.status, 200);
    assert.ok(Date.now() - started >= 90, 'waited for the time limit');
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_FAILURE], 'timeout');
  });

  void it('garbage verdicts fail open', async () => {
    const garbage = [
      null,
      42,
      'block',
      { action: 'deny' },
      { action: 'block', status: 200 },
      { action: 'block', headers: { 'bad header': 'x' } },
      { action: 'block', headers: { 'x-a': 'line\r\nbreak' } },
      { action: 'block', headers: { 'content-length': '1' } },
      { action: 'block', body: 12 },
    ];
    for (const value of garbage) {
      headersFilter.behaviour = { kind: 'garbage', value };
      const response = await client.send(`${base}/x`);
      assert.equal(response.status, 200, JSON.stringify(value));
      const span = await tracing.nextServerSpan();
      assert.equal(span.attributes[ATTR_BLOCKING_FAILURE], 'invalid');
    }
  });

  void it('monitor match lets request through', async () => {
    monitorFilter.behaviour = { kind: 'block' };
    const response = await client.send(`${base}/watched`);
    assert.equal(response.status, 200);
    assert.equal(reached.count, 1);
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_DECISION], 'monitor');
    assert.equal(span.attributes[ATTR_BLOCKING_FILTER], 'test-monitor');
  });

  void it('monitor then block records both', async () => {
    monitorFilter.behaviour = { kind: 'block' };
    headersFilter.behaviour = { kind: 'block' };
    const response = await client.send(`${base}/both`);
    assert.equal(response.status, 403);
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_DECISION], 'block');
    const outcomes = eventsOf(span).map(
      (event) => event.attributes?.[ATTR_BLOCKING_DECISION],
    );
    assert.deepEqual(outcomes, ['monitor', 'block']);
  });

  void it('async filter can block', async () => {
    headersFilter.behaviour = {
      kind: 'async',
      delayMs: 10,
      verdict: { action: 'block', status: 451 },
    };
    const response = await client.send(`${base}/async`);
    assert.equal(response.status, 451);
    assert.equal(reached.count, 0);
  });

  void it('async allow keeps body intact', async () => {
    headersFilter.behaviour = { kind: 'async', delayMs: 20 };
    bodyFilter.behaviour = { kind: 'async', delayMs: 20 };
    const body = Buffer.alloc(100_000, 7);
    const response = await client.send(`${base}/async-body`, {
      method: 'POST',
      body,
    });
    assert.equal(response.text, `got ${body.length}`);
    assert.deepEqual(reached.body, body);
  });

  void it('graphql block uses error document', async () => {
    headersFilter.behaviour = { kind: 'block' };
    const legacy = await client.send(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: '{"query":"{ a }"}',
    });
    assert.equal(legacy.status, 200);
    assert.deepEqual(JSON.parse(legacy.text), {
      errors: [
        {
          message: 'The request was blocked.',
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    });
    const modern = await client.send(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
      },
      body: '{"query":"{ a }"}',
    });
    assert.equal(modern.status, 403);
    assert.match(
      String(modern.headers['content-type']),
      /application\/graphql-response\+json/,
    );
    assert.equal(reached.count, 0);
  });

  void it('graphql operation type in view', async () => {
    await client.send(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query A { a } mutation B { b }',
        operationName: 'B',
      }),
    });
    const view = bodyFilter.seen[0].view;
    assert.equal(view.protocol, 'graphql');
    assert.deepEqual(
      { ...view.graphql },
      {
        operationName: 'B',
        operationType: 'mutation',
      },
    );
  });
});

function eventsOf(span: ReadableSpan): ReadableSpan['events'] {
  return span.events.filter((event) => event.name === EVENT_BLOCKING_DECISION);
}
