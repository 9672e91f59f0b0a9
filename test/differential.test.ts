import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ReceivedSpan, Receiver } from '@tracegate/receiver';
import { startReceiver } from '@tracegate/receiver';
import { CORPUS } from './support/corpus';
import { READ_STYLES } from './support/corpus/read-cases';
import { WRITE_ROUTES } from './support/corpus/write-cases';
import type { AppRun } from './support/differential-app';
import { exportTo, runAppCorpus, WITH_AGENT } from './support/differential-app';
import { normaliseExchange, statusCodes } from './support/response-bytes';
import { waitForStatsSpan } from './support/run-checks';

const FIVE_MIB = 5 * 1024 * 1024;
// The agent's default capture limit per body (capture.maxBodyBytes).
const DEFAULT_MAX_BODY_BYTES = 128 * 1024;

function serverSpans(spans: ReceivedSpan[], method: string, path: string) {
  return spans.filter(
    (span) =>
      span.kind === 'SERVER' &&
      span.attributes['http.request.method'] === method &&
      span.attributes['url.path'] === path,
  );
}

describe('app with and without the agent', () => {
  let receiver: Receiver;
  let plain: AppRun;
  let traced: AppRun;
  let spans: ReceivedSpan[];

  before(async () => {
    receiver = await startReceiver({
      httpPort: 0,
      grpcPort: false,
      quiet: true,
    });
    plain = await runAppCorpus([], {});
    traced = await runAppCorpus(
      WITH_AGENT,
      exportTo(receiver.httpUrl),
      waitForStatsSpan(receiver),
    );
    spans = receiver.spans;
  });
  after(async () => {
    await receiver?.close();
  });

  it('plain app responds to every case', () => {
    for (const corpusCase of CORPUS) {
      const exchanges = plain.results.get(corpusCase.name) ?? [];
      assert.deepEqual(
        exchanges.flatMap(statusCodes),
        [...corpusCase.statuses],
        corpusCase.name,
      );
    }
  });

  for (const corpusCase of CORPUS) {
    it(`same bytes: ${corpusCase.name}`, () => {
      const expected = plain.results.get(corpusCase.name) ?? [];
      const actual = traced.results.get(corpusCase.name) ?? [];
      assert.equal(actual.length, expected.length, 'connection count');
      expected.forEach((exchange, index) => {
        assert.equal(
          normaliseExchange(actual[index]),
          normaliseExchange(exchange),
          `connection ${index + 1}`,
        );
      });
    });
  }

  it('no uncaught exception in either run', () => {
    assert.deepEqual(plain.stats.uncaughtExceptions, []);
    assert.deepEqual(plain.stats.unhandledRejections, []);
    assert.deepEqual(traced.stats.uncaughtExceptions, []);
    assert.deepEqual(traced.stats.unhandledRejections, []);
  });

  it('agent run writes nothing to stderr', () => {
    assert.equal(traced.stderr, '');
  });

  it('exports a server span per route', () => {
    const routes: Array<[string, string]> = [
      ...READ_STYLES.map((style): [string, string] => [
        'POST',
        `/read/${style}`,
      ]),
      ...WRITE_ROUTES.map(([path]): [string, string] => ['GET', path]),
      ['GET', '/echo'],
      ['GET', '/outcome'],
    ];
    for (const [method, path] of routes) {
      assert.notEqual(
        serverSpans(spans, method, path).length,
        0,
        `no server span for ${method} ${path}`,
      );
    }
  });

  it('captures a body within the limit', () => {
    const span = serverSpans(spans, 'POST', '/read/pipe').find(
      (candidate) =>
        candidate.attributes['http.request.body.size'] === FIVE_MIB,
    );
    assert.ok(span, 'no span of the 5 MiB fixed-length body');
    const body = span.attributes['http.request.body'];
    assert.equal(typeof body, 'string');
    assert.ok(
      Buffer.byteLength(body as string) <= DEFAULT_MAX_BODY_BYTES,
      `captured ${Buffer.byteLength(body as string)} bytes`,
    );
    assert.equal(span.attributes['http.request.body.truncated'], true);
  });
});
