import type * as GrpcJs from '@grpc/grpc-js';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace-base';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  callBidi,
  callClientStream,
  callServerStream,
  callUnary,
} from './echo-calls';
import type { EchoApi, EchoHarness, EchoRequest } from './echo-service';
import { spanName, startEcho } from './echo-service';
import type { TestTracing } from './tracing';

/** Secrets that the tests send; none may appear on any span. */
export const SECRETS = {
  password: 'hunter2-secret',
  email: 'jane@example.com',
  card: '4242424242424242',
  bearer: 'client-token-value-123',
  replyToken: 'reply-token-1',
  trailerKey: 'trailer-api-key-value',
};

/** Builds a request full of fields to render and redact, in the style's field names. */
export function richRequest(
  style: EchoApi['style'],
  text: string,
): EchoRequest {
  const card =
    style === 'static'
      ? { cardNumber: SECRETS.card, level: 2 }
      : { card_number: SECRETS.card, level: 2 };
  return {
    text,
    password: SECRETS.password,
    email: SECRETS.email,
    count: 3,
    payload: Buffer.from([1, 2, 3, 250]),
    tags: ['a', 'b'],
    card,
  };
}

/** Request metadata with one sensitive and one plain key. */
export function requestMetadata(grpc: typeof GrpcJs): GrpcJs.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${SECRETS.bearer}`);
  metadata.set('x-request-id', 'req-1');
  return metadata;
}

/** Parses a JSON attribute or event attribute. */
export function json(value: unknown): Record<string, unknown> {
  assert.equal(
    typeof value,
    'string',
    `expected JSON text, got ${String(value)}`,
  );
  return JSON.parse(value as string) as Record<string, unknown>;
}

/** Returns the `rpc.message` events of a span with the given type. */
export function messageEvents(
  span: ReadableSpan,
  type: 'SENT' | 'RECEIVED',
): TimedEvent[] {
  return span.events.filter(
    (event) =>
      event.name === 'rpc.message' &&
      event.attributes?.['rpc.message.type'] === type,
  );
}

/** Asserts that no secret of {@link SECRETS} appears anywhere on a span. */
export function assertNoSecrets(span: ReadableSpan): void {
  const text = JSON.stringify({
    attributes: span.attributes,
    events: span.events,
    status: span.status,
  });
  for (const [name, secret] of Object.entries(SECRETS)) {
    assert.ok(!text.includes(secret), `${name} leaked on ${span.name}`);
  }
}

/** Asserts the rendering and redaction of a request built by {@link richRequest}. */
export function assertRequestJson(
  body: Record<string, unknown>,
  style: EchoApi['style'],
  text: string,
): void {
  assert.equal(body.text, text);
  assert.equal(body.password, '[REDACTED:password]');
  assert.equal(body.email, '[REDACTED:email]');
  assert.equal(String(body.count), '3');
  assert.equal(body.payload, Buffer.from([1, 2, 3, 250]).toString('base64'));
  assert.deepEqual(body.tags, ['a', 'b']);
  const card = body.card as Record<string, unknown>;
  const cardKey = style === 'static' ? 'cardNumber' : 'card_number';
  assert.equal(card[cardKey], '[REDACTED:card_number]');
  assert.equal(card.level, 2);
}

// The line and column where a handler of echo-service.js is defined, found
// in the compiled file rather than written into the test.
function handlerPosition(method: string): { line: number; column: number } {
  const file = require.resolve('./echo-service');
  const lines = readFileSync(file, 'utf8').split('\n');
  const definition = new RegExp(`^\\s*${method}\\(`);
  const line = lines.findIndex((text) => definition.test(text));
  assert.ok(line >= 0, `${method} handler not found in ${file}`);
  return { line: line + 1, column: lines[line].indexOf('(') + 1 };
}

function assertCodeLocation(span: ReadableSpan, method: string): void {
  const position = handlerPosition(method);
  assert.equal(span.attributes['code.function.name'], method);
  assert.equal(
    span.attributes['code.file.path'],
    require.resolve('./echo-service'),
  );
  assert.equal(span.attributes['code.line.number'], position.line);
  assert.equal(span.attributes['code.column.number'], position.column);
}

function assertMetadata(span: ReadableSpan): void {
  assert.deepEqual(span.attributes['rpc.request.metadata.authorization'], [
    '[REDACTED:authorization]',
  ]);
  assert.deepEqual(span.attributes['rpc.request.metadata.x-request-id'], [
    'req-1',
  ]);
}

function assertTrailers(span: ReadableSpan): void {
  assert.deepEqual(span.attributes['rpc.response.metadata.x-checksum'], [
    'c0ffee',
  ]);
  assert.deepEqual(span.attributes['rpc.response.metadata.x-api-key'], [
    '[REDACTED:x-api-key]',
  ]);
}

function assertEventIds(events: TimedEvent[], count: number): void {
  assert.equal(events.length, count);
  events.forEach((event, position) =>
    assert.equal(event.attributes?.['rpc.message.id'], position + 1),
  );
}

/**
 * Runs each of the four call kinds against a real server and client on
 * 127.0.0.1 and checks what both spans recorded.
 */
export function describeCallKinds(
  label: string,
  tracing: TestTracing,
  grpc: () => typeof GrpcJs,
  loadApi: (loaded: typeof GrpcJs) => EchoApi,
): void {
  describe(label, () => {
    let harness: EchoHarness;
    let api: EchoApi;

    before(async () => {
      api = loadApi(grpc());
      harness = await startEcho(grpc(), api);
    });
    after(() => harness.close());

    async function spans(method: string) {
      return {
        server: await tracing.nextSpan(SpanKind.SERVER, spanName(method)),
        client: await tracing.nextSpan(SpanKind.CLIENT, spanName(method)),
      };
    }

    it('unary call', async () => {
      tracing.reset();
      const request = richRequest(api.style, 'hello');
      const outcome = await callUnary(
        harness.client,
        request,
        requestMetadata(grpc()),
      );
      assert.equal(outcome.statusCode, 0);
      const { server, client } = await spans('Unary');
      for (const span of [server, client]) {
        assertRequestJson(
          json(span.attributes['rpc.request.body']),
          api.style,
          'hello',
        );
        const reply = json(span.attributes['rpc.response.body']);
        assert.equal(reply.text, 'echo: hello');
        assert.equal(reply.token, '[REDACTED:token]');
        assert.equal(span.attributes['rpc.request.body.truncated'], false);
        assert.equal(span.attributes['rpc.response.body.truncated'], false);
        assert.equal(span.attributes['rpc.grpc.status_code'], 0);
        assert.equal(span.events.length, 0);
        assertMetadata(span);
        assertNoSecrets(span);
      }
      assert.deepEqual(server.attributes['rpc.response.metadata.x-served-by'], [
        'echo',
      ]);
      assert.deepEqual(client.attributes['rpc.response.metadata.x-served-by'], [
        'echo',
      ]);
      assertTrailers(server);
      assertCodeLocation(server, 'Unary');
      assert.equal(client.attributes['code.function.name'], undefined);
    });

    it('server-streaming call', async () => {
      tracing.reset();
      const request = richRequest(api.style, 'feed');
      const outcome = await callServerStream(
        harness.client,
        request,
        requestMetadata(grpc()),
      );
      assert.equal(outcome.responses.length, 3);
      const { server, client } = await spans('ServerStream');
      for (const [span, type] of [
        [server, 'SENT'],
        [client, 'RECEIVED'],
      ] as const) {
        assertRequestJson(
          json(span.attributes['rpc.request.body']),
          api.style,
          'feed',
        );
        assert.equal(span.attributes['rpc.response.body'], undefined);
        const events = messageEvents(span, type);
        assertEventIds(events, 3);
        events.forEach((event, position) => {
          const body = json(event.attributes?.['rpc.message.body']);
          assert.equal(body.index, position + 1);
          assert.equal(body.token, '[REDACTED:token]');
        });
        assert.equal(span.attributes['tracegate.rpc.response.messages'], 3);
        assert.equal(span.attributes['rpc.grpc.status_code'], 0);
        assertMetadata(span);
        assertTrailers(span);
        assertNoSecrets(span);
      }
      assertCodeLocation(server, 'ServerStream');
    });

    it('client-streaming call', async () => {
      tracing.reset();
      const texts = ['one', 'two', 'three'];
      const outcome = await callClientStream(
        harness.client,
        texts.map((text) => richRequest(api.style, text)),
        requestMetadata(grpc()),
      );
      assert.equal(outcome.statusCode, 0);
      const { server, client } = await spans('ClientStream');
      for (const [span, type] of [
        [server, 'RECEIVED'],
        [client, 'SENT'],
      ] as const) {
        const events = messageEvents(span, type);
        assertEventIds(events, 3);
        events.forEach((event, position) =>
          assertRequestJson(
            json(event.attributes?.['rpc.message.body']),
            api.style,
            texts[position],
          ),
        );
        assert.equal(span.attributes['rpc.request.body'], undefined);
        const reply = json(span.attributes['rpc.response.body']);
        assert.equal(reply.text, texts.join('+'));
        assert.equal(span.attributes['tracegate.rpc.request.messages'], 3);
        assert.equal(span.attributes['rpc.grpc.status_code'], 0);
        assertMetadata(span);
        assertNoSecrets(span);
      }
      assertTrailers(server);
      assertCodeLocation(server, 'ClientStream');
    });

    it('bidirectional call', async () => {
      tracing.reset();
      const texts = ['a', 'b', 'c'];
      const outcome = await callBidi(
        harness.client,
        texts.map((text) => richRequest(api.style, text)),
        requestMetadata(grpc()),
      );
      assert.equal(outcome.responses.length, 3);
      const { server, client } = await spans('Bidi');
      for (const [span, requestType, responseType] of [
        [server, 'RECEIVED', 'SENT'],
        [client, 'SENT', 'RECEIVED'],
      ] as const) {
        const requests = messageEvents(span, requestType);
        const responses = messageEvents(span, responseType);
        assertEventIds(requests, 3);
        assertEventIds(responses, 3);
        requests.forEach((event, position) =>
          assertRequestJson(
            json(event.attributes?.['rpc.message.body']),
            api.style,
            texts[position],
          ),
        );
        responses.forEach((event, position) =>
          assert.equal(
            json(event.attributes?.['rpc.message.body']).text,
            `echo: ${texts[position]}`,
          ),
        );
        assert.equal(span.attributes['rpc.grpc.status_code'], 0);
        assertMetadata(span);
        assertTrailers(span);
        assertNoSecrets(span);
      }
      assertCodeLocation(server, 'Bidi');
    });
  });
}
