import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type Express from 'express';
import type * as Graphql from 'graphql';
import type * as GraphqlHttpExpress from 'graphql-http/lib/use/express';
import { createBlockingEngine } from '../../src';
// The client loads node:http only when called, after setupBlocking.
import * as client from '../support/client';
import { SwitchFilter } from '../support/switchboard';
import { setupBlocking } from '../support/tracing';

const headersFilter = new SwitchFilter('framework-headers', ['headers']);
const bodyFilter = new SwitchFilter('framework-body', ['body']);
const tracing = setupBlocking({
  engine: createBlockingEngine({ filters: [headersFilter, bodyFilter] }),
});

// Loaded after the instrumentation, as an application preloaded with it.
/* eslint-disable @typescript-eslint/no-require-imports */
const express = require('express') as typeof Express;
const graphql = require('graphql') as typeof Graphql;
const { createHandler } =
  require('graphql-http/lib/use/express') as typeof GraphqlHttpExpress;
/* eslint-enable @typescript-eslint/no-require-imports */

const calls = { route: 0, resolver: 0 };

const schema = graphql.buildSchema(`
  type Query { hello: String }
  type Mutation { rename(name: String!): String }
`);
const rootValue = {
  hello: () => {
    calls.resolver += 1;
    return 'world';
  },
  rename: ({ name }: { name: string }) => {
    calls.resolver += 1;
    return name;
  },
};

async function listen(
  app: Express.Express,
): Promise<{ server: Server; base: string }> {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}` };
}

void describe('express 5 and graphql-http', () => {
  let running: { server: Server; base: string };

  before(async () => {
    const app = express();
    app.use(express.json());
    app.post('/api/orders', (request, response) => {
      calls.route += 1;
      response.json({ received: request.body as unknown });
    });
    app.all('/graphql', createHandler({ schema, rootValue }));
    running = await listen(app);
  });

  after(() => client.stopServer(running.server));

  beforeEach(() => {
    calls.route = 0;
    calls.resolver = 0;
    headersFilter.behaviour = { kind: 'allow' };
    bodyFilter.behaviour = { kind: 'allow' };
    bodyFilter.seen.length = 0;
    tracing.reset();
  });

  void it('express route allowed with parsed body', async () => {
    const response = await client.send(`${running.base}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"sku":"A-1","qty":3}',
    });
    assert.equal(response.status, 200);
    assert.deepEqual(JSON.parse(response.text), {
      received: { sku: 'A-1', qty: 3 },
    });
    assert.equal(calls.route, 1);
  });

  const stageFilters = [
    ['headers', headersFilter],
    ['body', bodyFilter],
  ] as const;
  for (const [stage, filter] of stageFilters) {
    void it(`express route blocked at ${stage}`, async () => {
      filter.behaviour = { kind: 'block' };
      const response = await client.send(`${running.base}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"sku":"A-1"}',
      });
      assert.equal(response.status, 403);
      assert.equal(calls.route, 0);
    });
  }

  void it('graphql query allowed', async () => {
    const response = await client.send(`${running.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ hello }' }),
    });
    assert.deepEqual(JSON.parse(response.text), { data: { hello: 'world' } });
    assert.equal(calls.resolver, 1);
    assert.equal(bodyFilter.seen[0].view.graphql?.operationType, 'query');
  });

  void it('graphql mutation blocked at body', async () => {
    bodyFilter.behaviour = { kind: 'block' };
    const response = await client.send(`${running.base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
      },
      body: JSON.stringify({
        query: 'mutation Rename($n: String!) { rename(name: $n) }',
        variables: { n: 'x' },
      }),
    });
    assert.equal(response.status, 403);
    const document = JSON.parse(response.text) as {
      errors: Array<{ extensions: { code: string } }>;
    };
    assert.equal(document.errors[0].extensions.code, 'FORBIDDEN');
    assert.equal(calls.resolver, 0);
    assert.equal(bodyFilter.seen[0].view.graphql?.operationType, 'mutation');
  });

  void it('graphql GET blocked at headers', async () => {
    headersFilter.behaviour = { kind: 'block' };
    const query = encodeURIComponent('{ hello }');
    const response = await client.send(
      `${running.base}/graphql?query=${query}`,
      {
        headers: { accept: 'application/json' },
      },
    );
    assert.equal(response.status, 200);
    assert.ok('errors' in (JSON.parse(response.text) as object));
    assert.equal(calls.resolver, 0);
  });
});
