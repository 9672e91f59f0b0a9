import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createBlockingEngine, createRuleFilter } from '../../src';
import type { RequestView } from '../../src';
import { setupBlocking } from '../support/tracing';
// The client loads node:http only when called, after setupBlocking.
import * as client from '../support/client';

/** What the tampering filter tried, and whether each attempt threw. */
const attempts: Record<string, boolean> = {};

function attempt(name: string, tamper: () => void): void {
  try {
    tamper();
    attempts[name] = false;
  } catch {
    attempts[name] = true;
  }
}

/** Tries to change what the application and later filters will read. */
function tamper(view: RequestView): undefined {
  attempt('header array', () => {
    (view.headers['set-cookie'] as string[]).push('added=1');
  });
  attempt('view prototype', () => {
    Object.defineProperty(Object.getPrototypeOf(view), 'path', {
      get: () => '/public',
    });
  });
  if (view.stage === 'body') {
    attempt('body', () => {
      (view.body as Record<string, unknown>).role = 'admin';
    });
  }
  return undefined;
}

const engine = createBlockingEngine({
  filters: [
    { name: 'tamper', stages: ['headers', 'body'], check: tamper },
    createRuleFilter({
      mode: 'block',
      rules: [{ path: '/admin/*', action: 'block' }],
    }),
  ],
});
const tracing = setupBlocking({ engine });

void describe('view isolation', () => {
  let server: Server;
  let base: string;
  let seen: { cookies: unknown; body: string } | undefined;

  before(async () => {
    ({ server, base } = await client.startServer((request, response) => {
      client.readAll(request).then(
        (body) => {
          seen = {
            cookies: request.headers['set-cookie'],
            body: body.toString('utf8'),
          };
          response.end('ok');
        },
        () => undefined,
      );
    }));
  });

  after(() => client.stopServer(server));

  beforeEach(() => {
    seen = undefined;
    for (const name of Object.keys(attempts)) delete attempts[name];
    tracing.reset();
  });

  void it('header arrays stay the app’s own', async () => {
    const response = await client.send(`${base}/x`, {
      headers: { 'set-cookie': ['a=1', 'b=2'] },
    });
    assert.equal(response.status, 200);
    assert.equal(attempts['header array'], true);
    assert.deepEqual(seen?.cookies, ['a=1', 'b=2']);
  });

  void it('view prototype cannot be redefined', async () => {
    await client.send(`${base}/x`);
    assert.equal(attempts['view prototype'], true);
    const response = await client.send(`${base}/admin/panel`);
    assert.equal(response.status, 403);
  });

  void it('__proto__ body key pollutes nothing', async () => {
    const body = '{"__proto__":{"polluted":true},"role":"user"}';
    const response = await client.send(`${base}/x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    assert.equal(response.status, 200);
    assert.equal(attempts.body, true);
    assert.equal(seen?.body, body);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
