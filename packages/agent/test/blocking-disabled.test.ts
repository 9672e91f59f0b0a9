import assert from 'node:assert/strict';
import { once } from 'node:events';
import type * as Http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { startReceiver } from '@tracegate/receiver';
import { start } from '../src';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const http = (): typeof Http => require('node:http') as typeof Http;

async function withServer<T>(
  run: (base: string, handled: () => number) => Promise<T>,
): Promise<T> {
  let handled = 0;
  const server = http().createServer((_request, response) => {
    handled += 1;
    response.end('app');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    return await run(`http://127.0.0.1:${port}`, () => handled);
  } finally {
    server.close();
  }
}

describe('agent blocking switch', () => {
  it('blocking.enabled false turns it off', async () => {
    const receiver = await startReceiver({
      httpPort: 0,
      grpcPort: false,
      quiet: true,
    });
    const agent = start({
      export: { endpoint: receiver.httpUrl },
      blocking: { enabled: false, filters: [() => ({ action: 'block' })] },
    });
    try {
      await withServer(async (base, handled) => {
        assert.equal((await fetch(`${base}/x`)).status, 200);
        assert.equal(handled(), 1);
      });
    } finally {
      await agent.shutdown();
      await receiver.close();
    }
  });
});
