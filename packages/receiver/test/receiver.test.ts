import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReceivedSpan, Receiver, ReceiverOptions } from '../src/index';
import { startReceiver } from '../src/index';
import { ChildOutput } from './child-output';
import { sendSpan } from './http-client';

async function startTestReceiver(
  t: { after: (fn: () => Promise<void>) => void },
  options: ReceiverOptions = {},
): Promise<Receiver> {
  const receiver = await startReceiver({
    httpPort: 0,
    grpcPort: false,
    quiet: true,
    ...options,
  });
  t.after(() => receiver.close());
  return receiver;
}

void describe('startReceiver', () => {
  void it('returns URLs on the host', async (t) => {
    const receiver = await startTestReceiver(t, { grpcPort: 0 });

    assert.match(receiver.httpUrl, /^http:\/\/127\.0\.0\.1:[0-9]+$/);
    assert.match(receiver.grpcUrl ?? '', /^http:\/\/127\.0\.0\.1:[0-9]+$/);
  });

  void it('leaves grpcUrl undefined when disabled', async (t) => {
    const receiver = await startTestReceiver(t, { grpcPort: false });

    assert.equal(receiver.grpcUrl, undefined);
  });

  void it('rejects a port in use', async (t) => {
    const first = await startTestReceiver(t);
    const port = Number(new URL(first.httpUrl).port);

    await assert.rejects(
      startReceiver({ httpPort: port, grpcPort: false, quiet: true }),
      { code: 'EADDRINUSE' },
    );
  });

  void it('close resolves when called twice', async () => {
    const receiver = await startReceiver({
      httpPort: 0,
      grpcPort: 0,
      quiet: true,
    });

    await Promise.all([receiver.close(), receiver.close()]);

    await assert.rejects(fetch(receiver.httpUrl));
  });
});

void describe('Receiver.waitForSpans', () => {
  void it('returns matching spans', async (t) => {
    const receiver = await startTestReceiver(t);
    const waiting = receiver.waitForSpans((span) => span.name === 'wanted');

    assert.equal(await sendSpan(receiver.httpUrl, 'other'), 200);
    assert.equal(await sendSpan(receiver.httpUrl, 'wanted'), 200);
    const spans = await waiting;

    assert.deepEqual(
      spans.map((span) => span.name),
      ['wanted'],
    );
  });

  void it('waits for minCount spans', async (t) => {
    const receiver = await startTestReceiver(t);
    let settled = false;
    const waiting = receiver
      .waitForSpans((span) => span.name === 'repeated', 2000, 2)
      .finally(() => {
        settled = true;
      });

    await sendSpan(receiver.httpUrl, 'repeated');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(settled, false);
    await sendSpan(receiver.httpUrl, 'repeated');

    assert.equal((await waiting).length, 2);
  });

  void it('rejects after timeout with names', async (t) => {
    const receiver = await startTestReceiver(t);
    await sendSpan(receiver.httpUrl, 'unrelated');

    await assert.rejects(
      receiver.waitForSpans((span) => span.name === 'missing', 50),
      /timed out after 50 ms: 0 of 1 expected spans matched among 1 received \(names: unrelated\)/,
    );
  });

  void it('rejects when predicate throws', async (t) => {
    const receiver = await startTestReceiver(t);
    await sendSpan(receiver.httpUrl, 'any');

    await assert.rejects(
      receiver.waitForSpans(() => {
        throw new Error('predicate failed');
      }),
      /predicate failed/,
    );
  });

  void it('rejects pending wait on close', async () => {
    const receiver = await startReceiver({
      httpPort: 0,
      grpcPort: false,
      quiet: true,
    });
    const waiting = receiver.waitForSpans(() => true, 10_000);

    await receiver.close();

    await assert.rejects(waiting, /closed before the spans arrived/);
  });
});

void describe('Receiver span storage', () => {
  void it('clear removes stored spans', async (t) => {
    const receiver = await startTestReceiver(t);
    await sendSpan(receiver.httpUrl, 'cleared');
    assert.equal(receiver.spans.length, 1);

    receiver.clear();

    assert.equal(receiver.spans.length, 0);
  });

  void it('maxSpans keeps the newest', async (t) => {
    const receiver = await startTestReceiver(t, { maxSpans: 2 });

    for (const name of ['first', 'second', 'third']) {
      await sendSpan(receiver.httpUrl, name);
    }

    assert.deepEqual(
      receiver.spans.map((span) => span.name),
      ['second', 'third'],
    );
  });

  void it('onSpans receives each export', async (t) => {
    const batches: ReceivedSpan[][] = [];
    const receiver = await startTestReceiver(t, {
      onSpans: (spans) => batches.push(spans),
    });

    await sendSpan(receiver.httpUrl, 'one');
    await sendSpan(receiver.httpUrl, 'two');

    assert.deepEqual(
      batches.map((batch) => batch.map((span) => span.name)),
      [['one'], ['two']],
    );
  });

  void it('onSpans error keeps export successful', async (t) => {
    const receiver = await startTestReceiver(t, {
      onSpans: () => {
        throw new Error('callback failed');
      },
    });

    const status = await sendSpan(receiver.httpUrl, 'kept');

    assert.equal(status, 200);
    assert.equal(receiver.spans[0]?.name, 'kept');
  });
});

void describe('Receiver printing', () => {
  void it('prints spans unless quiet', { timeout: 15_000 }, async (t) => {
    // A child process, because the test runner reports on this process's stdout.
    const child = spawn(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(require.resolve('../src/index'))})
          .startReceiver({ httpPort: 0, grpcPort: false })
          .then((receiver) => console.log('url ' + receiver.httpUrl));`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    t.after(() => {
      child.kill('SIGKILL');
    });
    const output = new ChildOutput(child);
    const [, url] = await output.waitFor(/url (\S+)\n/, 5000);

    assert.equal(await sendSpan(url, 'printed span'), 200);

    await output.waitFor(/INTERNAL printed span UNSET 1\.000 ms/, 5000);
  });
});
