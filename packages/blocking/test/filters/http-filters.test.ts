import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  ATTR_BLOCKING_DECISION,
  ATTR_BLOCKING_FILTER,
  ATTR_BLOCKING_RULE,
  createAttackFilter,
  createBlockingEngine,
  createIpFilter,
  createRateLimitFilter,
  createRuleFilter,
} from '../../src';
import type { AttackFinding, AttackInput } from '../../src';
import { setupBlocking } from '../support/tracing';
// The client loads node:http only when called, after setupBlocking.
import * as client from '../support/client';

/** Reports `nosql_injection` for a `$where` key at the top of a body. */
function inspectRequest(input: AttackInput): AttackFinding[] {
  const body = input.body as Record<string, unknown> | undefined;
  if (typeof body === 'object' && body !== null && '$where' in body) {
    return [
      {
        family: 'nosql_injection',
        location: 'body.$where',
        rule: 'nosql-where',
      },
    ];
  }
  return [];
}

const rateLimit = createRateLimitFilter({
  mode: 'block',
  limits: [
    {
      name: 'limited',
      by: 'ip',
      capacity: 2,
      refillPerSecond: 0.01,
      match: { paths: ['/limited'] },
    },
  ],
});
const engine = createBlockingEngine({
  filters: [
    createIpFilter({ mode: 'block', deny: ['127.0.0.2'] }),
    createRuleFilter({
      mode: 'block',
      rules: [{ name: 'admin', path: '/admin/*', action: 'block' }],
    }),
    rateLimit,
    createAttackFilter({ mode: 'block' }, { inspectRequest }),
  ],
});
const tracing = setupBlocking({ engine });

/**
 * Sends a request line exactly as written, because Node's client and the
 * WHATWG URL parser would resolve the dot segments under test.
 */
async function rawStatus(port: number, target: string): Promise<number> {
  const socket = connect(port, '127.0.0.1');
  socket.write(
    `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
  );
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  const statusLine = Buffer.concat(chunks).toString('latin1').split('\r\n')[0];
  return Number(statusLine.split(' ')[1]);
}

describe('built-in filters over HTTP', () => {
  let server: Server;
  let base: string;
  let port: number;
  let reached = 0;
  let received = '';

  before(async () => {
    ({ server, base, port } = await client.startServer((request, response) => {
      reached += 1;
      client.readAll(request).then(
        (body) => {
          received = body.toString('utf8');
          response.end('ok');
        },
        () => response.destroy(),
      );
    }));
  });
  after(async () => {
    await client.stopServer(server);
    await rateLimit?.close();
  });
  beforeEach(() => {
    reached = 0;
    received = '';
    tracing.reset();
  });

  it('blocks a denied client address', async () => {
    const denied = await client.send(`${base}/x`, {
      localAddress: '127.0.0.2',
    });
    assert.equal(denied.status, 403);
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_FILTER], 'ip');
    assert.equal(span.attributes[ATTR_BLOCKING_RULE], 'deny 127.0.0.2');
    const allowed = await client.send(`${base}/x`);
    assert.equal(allowed.status, 200);
    assert.equal(reached, 1);
  });

  for (const target of [
    '/admin/x',
    '/admin/../admin/x',
    '/%61dmin/x',
    '//admin',
    '/public/%2e%2e/admin',
    '/ADMIN/',
  ]) {
    it(`blocks ${target} before the handler`, async () => {
      assert.equal(await rawStatus(port, target), 403);
      assert.equal(reached, 0);
      const span = await tracing.nextServerSpan();
      assert.equal(span.attributes[ATTR_BLOCKING_DECISION], 'block');
      assert.equal(span.attributes[ATTR_BLOCKING_RULE], 'admin');
    });
  }

  it('lets other paths reach the handler', async () => {
    assert.equal(await rawStatus(port, '/administrator'), 200);
    assert.equal(await rawStatus(port, '/%2561dmin'), 200);
    assert.equal(reached, 2);
  });

  it('answers 429 with rate-limit headers', async () => {
    assert.equal((await client.send(`${base}/limited`)).status, 200);
    assert.equal((await client.send(`${base}/limited`)).status, 200);
    const limited = await client.send(`${base}/limited`);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers['retry-after'], '100');
    assert.equal(limited.headers['ratelimit-limit'], '2');
    assert.equal(limited.headers['ratelimit-remaining'], '0');
    assert.equal(limited.headers['ratelimit-policy'], '2;w=200');
    assert.equal(reached, 2);
    assert.equal((await client.send(`${base}/elsewhere`)).status, 200);
  });

  it('blocks an attack in the body before the handler', async () => {
    const response = await client.send(`${base}/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"$where":"sleep(100)"}',
    });
    assert.equal(response.status, 403);
    assert.equal(reached, 0);
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_FILTER], 'attacks');
    assert.equal(span.attributes[ATTR_BLOCKING_RULE], 'nosql-where');
  });

  it('hands a clean body to the handler unchanged', async () => {
    const body = '{"name":"caf\u00e9","n":1}';
    const response = await client.send(`${base}/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    assert.equal(response.status, 200);
    assert.equal(reached, 1);
    assert.equal(received, body);
  });
});
