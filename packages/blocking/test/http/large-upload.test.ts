import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { ATTR_BLOCKING_BODY_SKIPPED, createBlockingEngine } from '../../src';
import { SwitchFilter } from '../support/switchboard';
import { setupBlocking } from '../support/tracing';
// The client loads node:http only when called, after setupBlocking.
import * as client from '../support/client';

const bodyFilter = new SwitchFilter('upload-body', ['body']);
const tracing = setupBlocking({
  engine: createBlockingEngine({ filters: [bodyFilter] }),
});

const TOTAL_BYTES = 100 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'abcdefgh');

/** Streams TOTAL_BYTES with backpressure and resolves with the response. */
function upload(base: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = client.http().request(`${base}/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
    });
    request.on('response', (response) => {
      client.readAll(response).then((body) => resolve(body.toString()), reject);
    });
    request.on('error', reject);
    let sent = 0;
    const writeMore = (): void => {
      while (sent < TOTAL_BYTES) {
        sent += CHUNK.length;
        if (!request.write(CHUNK)) {
          request.once('drain', writeMore);
          return;
        }
      }
      request.end();
    };
    writeMore();
  });
}

void describe('100 MB upload with the body stage on', () => {
  let server: Server;
  let base: string;

  before(async () => {
    ({ server, base } = await client.startServer((request, response) => {
      const hash = createHash('sha256');
      let size = 0;
      request.on('data', (chunk: Buffer) => {
        size += chunk.length;
        hash.update(chunk);
      });
      request.on('end', () => response.end(`${size} ${hash.digest('hex')}`));
    }));
  });

  after(() => client.stopServer(server));

  void it('memory stays near the hold limit', async (t) => {
    global.gc?.();
    const before = process.memoryUsage();
    let peakHeap = before.heapUsed;
    let peakRss = before.rss;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakHeap = Math.max(peakHeap, now.heapUsed);
      peakRss = Math.max(peakRss, now.rss);
    }, 5);
    const reply = await upload(base);
    clearInterval(sampler);

    const expected = createHash('sha256');
    for (let sent = 0; sent < TOTAL_BYTES; sent += CHUNK.length) {
      expected.update(CHUNK);
    }
    assert.equal(reply, `${TOTAL_BYTES} ${expected.digest('hex')}`);
    assert.equal(bodyFilter.seen.length, 0, 'the body stage was skipped');
    const span = await tracing.nextServerSpan();
    assert.equal(span.attributes[ATTR_BLOCKING_BODY_SKIPPED], 'size_limit');

    const heapDelta = (peakHeap - before.heapUsed) / 1024 / 1024;
    const rssDelta = (peakRss - before.rss) / 1024 / 1024;
    t.diagnostic(
      `peak heap delta ${heapDelta.toFixed(1)} MiB, peak RSS delta ${rssDelta.toFixed(1)} MiB`,
    );
    // Client and server share this process, so both sides' buffers count;
    // a leak of the upload would add about 100 MiB.
    assert.ok(heapDelta < 48, `heap grew by ${heapDelta.toFixed(1)} MiB`);
    assert.ok(rssDelta < 96, `RSS grew by ${rssDelta.toFixed(1)} MiB`);
  });
});
