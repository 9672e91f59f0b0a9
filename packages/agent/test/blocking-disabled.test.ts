import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startReceiver } from '@tracegate/receiver';
import { start } from '../src';
import { withServer } from './support/app-server';

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
