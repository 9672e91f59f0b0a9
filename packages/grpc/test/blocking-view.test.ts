import type * as GrpcJs from '@grpc/grpc-js';
import type { RequestView } from '@tracegate/blocking';
import { SpanKind } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { assertAudit } from './support/blocking-suite';
import { callClientStream, callUnary } from './support/echo-calls';
import { spanName, startEcho, staticCodeApi } from './support/echo-service';
import { loadGrpc } from './support/grpc';
import {
  HandlerLog,
  observedEchoHandlers,
  serveObservedEcho,
} from './support/observed-echo';
import { TestEngine } from './support/test-engine';
import { setupTracing } from './support/tracing';

const engine = new TestEngine();
const tracing = setupTracing({ blocking: engine });
const CARD = '4242424242424242';

function viewMetadata(grpc: typeof GrpcJs): GrpcJs.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', 'Bearer view-token');
  metadata.set('cookie', 'session=s1; theme=dark');
  metadata.set('x-forwarded-for', '203.0.113.7');
  metadata.add('x-tag', 'a');
  metadata.add('x-tag', 'b');
  metadata.set('x-trace-bin', Buffer.from([1, 2]));
  return metadata;
}

describe('blocking request view', () => {
  const grpc = loadGrpc('newest');
  const log = new HandlerLog();
  const harness = serveObservedEcho(grpc, log);

  beforeEach(() => {
    engine.reset();
    log.reset();
    tracing.reset();
    tracing.tracegate.setConfig({ blocking: engine });
  });

  function viewAt(index: number): RequestView {
    const view = engine.views[index];
    assert.ok(view !== undefined, `no view at ${index}`);
    return view;
  }

  it('headers stage fields', async () => {
    const outcome = await callUnary(
      harness().client,
      { text: 'view' },
      viewMetadata(grpc),
    );
    assert.equal(outcome.statusCode, 0);
    assert.equal(engine.views.length, 1);

    const view = viewAt(0);
    assert.equal(view.protocol, 'grpc');
    assert.equal(view.stage, 'headers');
    assert.equal(view.method, 'POST');
    assert.equal(view.url, '/tracegate.test.Echo/Unary');
    assert.equal(view.path, '/tracegate.test.Echo/Unary');
    assert.deepEqual({ ...view.query }, {});
    assert.deepEqual(view.grpc, {
      service: 'tracegate.test.Echo',
      method: 'Unary',
    });

    assert.equal(view.headers.authorization, 'Bearer view-token');
    assert.equal(view.headers['x-forwarded-for'], '203.0.113.7');
    // grpc-js joins a repeated key's values, as Node's HTTP parser does.
    assert.equal(view.headers['x-tag'], 'a, b');
    assert.equal(view.headers['x-trace-bin'], undefined);
    assert.deepEqual({ ...view.cookies }, { session: 's1', theme: 'dark' });

    // Without the engine's identify(), forwarding headers are not trusted.
    assert.equal(view.clientIp, '127.0.0.1');
    assert.equal(view.userId, undefined);
    assert.equal(view.body, undefined);
    assert.equal(view.bodyText, undefined);
    assert.ok(Object.isFrozen(view));
    assert.ok(Object.isFrozen(view.headers));
  });

  it('body stage of unary request', async () => {
    engine.wantsBody = true;
    const request = {
      text: 'body',
      count: 3,
      payload: Buffer.from([1, 2, 3]),
      tags: ['x', 'y'],
      card: { card_number: CARD, level: 2 },
    };
    const outcome = await callUnary(
      harness().client,
      request,
      viewMetadata(grpc),
    );
    assert.equal(outcome.statusCode, 0);
    assert.deepEqual(engine.stages(), ['headers', 'body']);
    const view = viewAt(1);
    // Filters get the real values: redaction applies to spans only.
    const expected = {
      text: 'body',
      count: '3',
      payload: 'AQID',
      tags: ['x', 'y'],
      card: { card_number: CARD, level: 2 },
    };
    assert.deepEqual(view.body, expected);
    assert.deepEqual(JSON.parse(view.bodyText ?? ''), expected);
    assert.ok(Object.isFrozen(view.body.card));
    assert.equal(view.headers.authorization, 'Bearer view-token');
    assert.equal(view.clientIp, '127.0.0.1');
  });

  it('body stage sees every stream message', async () => {
    engine.wantsBody = true;
    const texts = ['first', 'second', 'third'];
    const outcome = await callClientStream(
      harness().client,
      texts.map((text) => ({ text })),
      viewMetadata(grpc),
    );
    assert.equal(outcome.statusCode, 0);
    assert.deepEqual(engine.stages(), ['headers', 'body', 'body', 'body']);
    assert.deepEqual(viewAt(1).body, { text: 'first' });
    assert.deepEqual(viewAt(2).body, { text: 'second' });
    assert.deepEqual(viewAt(3).body, { text: 'third' });
    const received = log.received.get('ClientStream') as Array<{
      text: string;
    }>;
    assert.deepEqual(
      received.map((message) => message.text),
      texts,
    );
  });

  it('message over body limit', async () => {
    tracing.tracegate.setConfig({ blocking: engine, blockingMaxBodyBytes: 20 });
    engine.wantsBody = true;
    const outcome = await callUnary(
      harness().client,
      { text: 'x'.repeat(100) },
      viewMetadata(grpc),
    );
    assert.equal(outcome.statusCode, 0);
    const view = viewAt(1);
    assert.equal(view.body, undefined);
    assert.equal(view.bodyText, '{"text":"xxxxxxxxxxx');
    assert.equal(Buffer.byteLength(view.bodyText ?? ''), 20);
  });

  it('message over limit blocked', async () => {
    tracing.tracegate.setConfig({
      blocking: engine,
      blockingMaxBodyBytes: 20,
      blockingOnLimit: 'block',
    });
    engine.wantsBody = true;
    const small = await callClientStream(
      harness().client,
      [{ text: 'short' }],
      viewMetadata(grpc),
    );
    assert.equal(small.statusCode, 0);
    engine.reset();
    engine.wantsBody = true;
    tracing.reset();

    const large = await callClientStream(
      harness().client,
      [{ text: 'x'.repeat(100) }, { text: 'short' }],
      viewMetadata(grpc),
    );
    assert.equal(large.statusCode, 8);
    assert.equal(
      large.statusDetails,
      'request message exceeded the body stage size limit',
    );
    assert.deepEqual(log.runs, ['ClientStream']);
    assert.deepEqual(engine.stages(), ['headers']);
    const span = await tracing.nextSpan(
      SpanKind.SERVER,
      spanName('ClientStream'),
    );
    assertAudit(span, {
      decision: 'block',
      stage: 'body',
      filter: 'tracegate.body_stage',
      rule: 'size_limit',
      reason: 'request message exceeded the body stage size limit',
    });
  });

  it('engine identify sets client IP', async () => {
    const seen: Array<string | undefined> = [];
    engine.identify = (peer, headers) => {
      seen.push(peer, headers['x-forwarded-for'] as string);
      return { clientIp: '198.51.100.4', userId: 'user-7' };
    };
    await callUnary(harness().client, { text: 'who' }, viewMetadata(grpc));
    assert.deepEqual(seen, ['127.0.0.1', '203.0.113.7']);
    assert.equal(viewAt(0).clientIp, '198.51.100.4');
    assert.equal(viewAt(0).userId, 'user-7');
  });

  it('identify failure falls back to peer', async () => {
    engine.identify = () => {
      throw new Error('identify failure');
    };
    const outcome = await callUnary(
      harness().client,
      { text: 'who' },
      viewMetadata(grpc),
    );
    assert.equal(outcome.statusCode, 0);
    assert.equal(viewAt(0).clientIp, '127.0.0.1');
    assert.equal(viewAt(0).userId, undefined);
    assert.equal(log.ran('Unary'), true);
  });

  it('body stage of static-code message', async () => {
    engine.wantsBody = true;
    const api = staticCodeApi(grpc);
    const own = await startEcho(grpc, api, observedEchoHandlers(grpc, log));
    try {
      const outcome = await callUnary(
        own.client,
        {
          text: 'static',
          count: 3,
          payload: Buffer.from([250]),
          card: { cardNumber: CARD, level: 1 },
        },
        viewMetadata(grpc),
      );
      assert.equal(outcome.statusCode, 0);
    } finally {
      await own.close();
    }
    // protobufjs decodes int64 as Long, keeps scalar defaults (`password`)
    // on the prototype, out of the JSON, and gives repeated fields an own
    // empty array.
    assert.deepEqual(viewAt(1).body, {
      text: 'static',
      count: '3',
      payload: '+g==',
      tags: [],
      card: { cardNumber: CARD, level: 1 },
    });
  });
});
