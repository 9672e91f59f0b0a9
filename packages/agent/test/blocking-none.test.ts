import assert from 'node:assert/strict';
import type * as Http from 'node:http';
import { describe, it } from 'node:test';
import { startReceiver } from '@tracegate/receiver';
import { start } from '../src';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const http = (): typeof Http => require('node:http') as typeof Http;

// Each start runs in its own test file: a second start in one process
// finds node:http already patched and cached.
describe('agent blocking off', () => {
  it('patches nothing without filters', async () => {
    const receiver = await startReceiver({
      httpPort: 0,
      grpcPort: false,
      quiet: true,
    });
    const emitBefore = Reflect.get(http().Server.prototype, 'emit') as unknown;
    const agent = start({ export: { endpoint: receiver.httpUrl } });
    try {
      const emit = Reflect.get(http().Server.prototype, 'emit') as {
        __original?: unknown;
      };
      // Only instrumentation-http's shimmer wrapper sits on emit.
      assert.equal(emit.__original, emitBefore);
    } finally {
      await agent.shutdown();
      await receiver.close();
    }
  });
});
