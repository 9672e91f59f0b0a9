import assert from 'node:assert/strict';
import { once } from 'node:events';
import type * as Http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { startReceiver } from '@tracegate/receiver';
import { getAgent, start } from '../src';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const http = (): typeof Http => require('node:http') as typeof Http;

async function serveOnce(path: string): Promise<string> {
  const server = http().createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end('{"ok":true,"password":"p4ss"}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return await response.text();
  } finally {
    server.close();
  }
}

async function closedPort(): Promise<number> {
  const server = http().createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

describe('agent lifecycle', () => {
  it('does nothing when disabled', async () => {
    const emitBefore = Reflect.get(http().Server.prototype, 'emit');
    const agent = start({ enabled: false });
    assert.equal(agent.enabled, false);
    assert.equal(Reflect.get(http().Server.prototype, 'emit'), emitBefore);
    await agent.shutdown();
    assert.equal(getAgent(), undefined);
  });

  it('exports redacted spans and counts them', async () => {
    const receiver = await startReceiver({
      httpPort: 0,
      grpcPort: false,
      quiet: true,
    });
    try {
      const agent = start({
        serviceName: 'lifecycle-test',
        export: { endpoint: receiver.httpUrl },
      });
      assert.equal(agent.enabled, true);
      assert.equal(start(), agent, 'a second start returns the running agent');
      assert.equal(await serveOnce('/items'), '{"ok":true,"password":"p4ss"}');
      await agent.forceFlush();
      const [server] = await receiver.waitForSpans(
        (span) => span.kind === 'SERVER',
        5000,
      );
      assert.equal(server.resource['service.name'], 'lifecycle-test');
      const body = server.attributes['http.response.body'] as string;
      assert.equal(body, '{"ok":true,"password":"[REDACTED:password]"}');
      assert.ok(agent.stats().spansExported >= 1);
      await agent.shutdown();
      assert.equal(getAgent(), undefined);
    } finally {
      await receiver.close();
    }
  });

  it('counts spans lost to a dead backend', async () => {
    const port = await closedPort();
    const agent = start({ export: { endpoint: `http://127.0.0.1:${port}` } });
    assert.equal(await serveOnce('/down'), '{"ok":true,"password":"p4ss"}');
    await agent.forceFlush();
    const stats = agent.stats();
    assert.ok(stats.spansFailed >= 1, JSON.stringify(stats));
    assert.ok(stats.failedExports >= 1, JSON.stringify(stats));
    assert.equal(stats.spansExported, 0);
    await agent.shutdown();
  });

  it('reports invalid options and keeps running', async () => {
    const agent = start({
      capture: { maxBodyBytes: -5 },
      export: { endpoint: 'http://127.0.0.1:1' },
    });
    assert.equal(agent.enabled, true);
    assert.equal(agent.config.capture.maxBodyBytes, 131072);
    assert.equal(agent.problems.length, 1);
    assert.match(agent.problems[0].message, /maxBodyBytes/);
    await agent.shutdown();
  });
});
