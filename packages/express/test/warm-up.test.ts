import assert from 'node:assert/strict';
import * as inspector from 'node:inspector';
import { describe, it } from 'node:test';
import { setupTracing } from './support/tracing';
import { close, listen, send } from './support/client';
import { loadExpress } from './support/express-versions';

const tracing = setupTracing();

/** Counts the `Debugger.enable` commands, one per script listing, sent while `run` runs. */
async function countScriptListings(run: () => Promise<void>): Promise<number> {
  const prototype = inspector.Session.prototype;
  // Restored below. The spy calls the original with the same `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const original = prototype.post;
  let listings = 0;
  prototype.post = function (this: inspector.Session, ...args: unknown[]) {
    if (args[0] === 'Debugger.enable') listings++;
    return (original as (...rest: unknown[]) => void).apply(this, args);
  };
  try {
    await run();
  } finally {
    prototype.post = original;
  }
  return listings;
}

describe('script listing warm-up', () => {
  it('runs before the first request of a routes-only app', async () => {
    const express = loadExpress(5, tracing.instrumentation);
    const app = express();
    app.get('/orders/:id', function getOrder(_request, response) {
      response.json({ id: 42 });
    });
    // The warm-up timer runs once the loading code has returned.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const { server, base } = await listen(app);
    try {
      const listings = await countScriptListings(async () => {
        tracing.reset();
        await send(`${base}/orders/42`);
        const span = await tracing.nextServerSpan();
        assert.equal(span.attributes['code.function.name'], 'getOrder');
        assert.equal(span.attributes['code.file.path'], __filename);
      });
      assert.equal(listings, 0);
    } finally {
      await close(server);
    }
  });
});
