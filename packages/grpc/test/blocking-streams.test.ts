import type * as GrpcJs from '@grpc/grpc-js';
import type {
  sendUnaryData,
  ServerReadableStream,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { SpanKind } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { requestMetadata } from './support/call-kinds-suite';
import { callBidi, callClientStream } from './support/echo-calls';
import type { EchoReply, EchoRequest } from './support/echo-service';
import {
  echoHandlers,
  protoLoaderApi,
  spanName,
  startEcho,
} from './support/echo-service';
import { loadGrpc } from './support/grpc';
import {
  HandlerLog,
  observedEchoHandlers,
  serveObservedEcho,
} from './support/observed-echo';
import {
  ALLOW,
  later,
  PendingDecision,
  TestEngine,
  waitFor,
} from './support/test-engine';
import { setupTracing } from './support/tracing';

const engine = new TestEngine();
const tracing = setupTracing({ blocking: engine });
const grpc = loadGrpc('newest');

/** What the slow client-streaming handler saw of its request stream. */
interface StreamProbe {
  bufferedAtStart: number;
  bufferedAfterWait: number;
  highWaterMark: number;
  texts: string[];
}

/**
 * A ClientStream handler that reads nothing for `waitMs`, then reads every
 * message, as a handler that is slow to start would.
 */
function slowReader(probe: StreamProbe, waitMs: number) {
  return (
    call: ServerReadableStream<EchoRequest, EchoReply>,
    callback: sendUnaryData<EchoReply>,
  ) => {
    probe.bufferedAtStart = call.readableLength;
    setTimeout(() => {
      probe.bufferedAfterWait = call.readableLength;
      probe.highWaterMark = call.readableHighWaterMark;
      call.on('data', (request: EchoRequest) =>
        probe.texts.push(request.text ?? ''),
      );
      call.on('end', () =>
        callback(null, { text: 'done', index: probe.texts.length }),
      );
    }, waitMs);
  };
}

/**
 * Sends `count` requests of about 2 KiB each as fast as the client stream
 * accepts them, and reports whether `write` ever returned false.
 */
function sendMany(
  client: GrpcJs.Client,
  count: number,
): Promise<{ statusCode: number; backpressure: boolean }> {
  return new Promise((resolve) => {
    let backpressure = false;
    let statusCode = -1;
    let done = 0;
    const finish = () => {
      if (++done === 2) resolve({ statusCode, backpressure });
    };
    const call = (
      client as unknown as Record<
        string,
        (...args: unknown[]) => GrpcJs.ClientWritableStream<EchoRequest>
      >
    ).ClientStream(requestMetadata(grpc), () => finish());
    call.on('status', (status: GrpcJs.StatusObject) => {
      statusCode = status.code;
      finish();
    });
    const filler = 'p'.repeat(2048);
    for (let index = 0; index < count; index++) {
      if (!call.write({ text: `m${index}`, email: filler })) {
        backpressure = true;
      }
    }
    call.end();
  });
}

describe('blocking request streams', () => {
  const log = new HandlerLog();
  const harness = serveObservedEcho(grpc, log);

  beforeEach(() => {
    engine.reset();
    log.reset();
    tracing.reset();
  });

  it('many messages keep their order', async () => {
    engine.wantsBody = true;
    engine.decide = () => later(ALLOW, 20);
    const texts = Array.from({ length: 200 }, (_, index) => `n${index}`);
    const requests = texts.map((text) => ({ text }));
    const outcome = await callBidi(
      harness().client,
      requests,
      requestMetadata(grpc),
    );
    assert.equal(outcome.statusCode, 0);
    const received = log.received.get('Bidi') as EchoRequest[];
    assert.deepEqual(
      received.map((request) => request.text),
      texts,
    );
    assert.deepEqual(
      outcome.responses.map((reply) => (reply as EchoReply).text),
      texts.map((text) => `echo: ${text}`),
    );
  });

  it('empty request stream passes body stage', async () => {
    engine.wantsBody = true;
    const outcome = await callClientStream(
      harness().client,
      [],
      requestMetadata(grpc),
    );
    assert.equal(outcome.statusCode, 0);
    assert.deepEqual(outcome.responses, [
      { text: '', index: 0, token: 'sum-token' },
    ]);
    assert.deepEqual(engine.stages(), ['headers', 'body']);
    assert.equal(engine.views[1].bodyText, '');
    assert.equal(engine.views[1].body, undefined);
    assert.equal(log.ran('ClientStream'), true);
  });

  /** Opens a bidirectional call that sends no message. */
  function openSilentBidi(client: GrpcJs.Client) {
    const call = (
      client as unknown as Record<
        string,
        (...args: unknown[]) => GrpcJs.ClientDuplexStream<unknown, unknown>
      >
    ).Bidi(requestMetadata(grpc));
    call.on('error', () => undefined);
    const status = new Promise<number>((resolve) =>
      call.on('status', (received: GrpcJs.StatusObject) =>
        resolve(received.code),
      ),
    );
    return { call, status };
  }

  it('cancel before first message', async () => {
    engine.wantsBody = true;
    const pending = new PendingDecision();
    engine.decide = (view) => (view.stage === 'body' ? pending.promise : ALLOW);
    const { call, status } = openSilentBidi(harness().client);
    await waitFor(() => engine.views.length === 1, 'the headers stage');
    call.cancel();
    assert.equal(await status, 1);
    // The client ends its request stream before it resets the call, so the
    // body stage may see an empty stream; its decision comes too late.
    const span = await tracing.nextSpan(SpanKind.SERVER, spanName('Bidi'));
    assert.equal(span.attributes['tracegate.rpc.cancelled'], true);
    pending.resolve(ALLOW);
    await later(undefined, 30);
    assert.equal(log.ran('Bidi'), false);
    const bodies = engine.views.filter((view) => view.stage === 'body');
    assert.ok(bodies.every((view) => view.bodyText === ''));
  });

  it('shutdown before first message', async () => {
    engine.wantsBody = true;
    const own = await startEcho(
      grpc,
      protoLoaderApi(grpc),
      observedEchoHandlers(grpc, log),
    );
    const { status } = openSilentBidi(own.client);
    await waitFor(() => engine.views.length === 1, 'the headers stage');
    // forceShutdown cancels the call without ending its request stream.
    own.server.forceShutdown();
    assert.equal(await status, 1);
    await later(undefined, 30);
    own.client.close();
    assert.deepEqual(engine.stages(), ['headers']);
    assert.equal(log.ran('Bidi'), false);
  });
});

describe('request stream backpressure', () => {
  const count = 300;

  async function run(blocking: boolean) {
    const probe: StreamProbe = {
      bufferedAtStart: -1,
      bufferedAfterWait: -1,
      highWaterMark: -1,
      texts: [],
    };
    const handlers: UntypedServiceImplementation = {
      ...echoHandlers(grpc),
      ClientStream: slowReader(probe, 150),
    };
    tracing.tracegate.setConfig(blocking ? { blocking: engine } : {});
    engine.reset();
    engine.wantsBody = true;
    const harness = await startEcho(grpc, protoLoaderApi(grpc), handlers);
    try {
      const sent = await sendMany(harness.client, count);
      return { probe, sent };
    } finally {
      await harness.close();
    }
  }

  it('same with and without body stage', async () => {
    const withoutBlocking = await run(false);
    const withBodyStage = await run(true);
    const texts = Array.from({ length: count }, (_, index) => `m${index}`);
    assert.deepEqual(engine.stages(), ['headers', ...texts.map(() => 'body')]);
    for (const { probe, sent } of [withoutBlocking, withBodyStage]) {
      assert.equal(sent.statusCode, 0);
      assert.deepEqual(probe.texts, texts);
      // The server buffers at most one highWaterMark of messages while the
      // handler does not read, and the rest waits in HTTP/2 flow control.
      assert.ok(probe.bufferedAfterWait <= probe.highWaterMark);
      assert.equal(sent.backpressure, true);
    }
    assert.equal(withoutBlocking.probe.bufferedAtStart, 0);
    // The first message stays in the stream for the handler to read.
    assert.ok(withBodyStage.probe.bufferedAtStart >= 1);
  });
});
