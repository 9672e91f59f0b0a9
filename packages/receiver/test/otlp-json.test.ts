import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Receiver, ReceivedSpan } from '../src/index';
import { startReceiver, TRACES_PATH } from '../src/index';
import { ExportTraceServiceResponse } from '../src/protos';
import { encodeRequest, oneSpanRequest, post } from './http-client';

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';
const PARENT_SPAN_ID = 'eee19b7ec3c1b173';
const BYTES = Buffer.from('raw bytes');

// An OTLP/JSON request that uses the rules in which OTLP/JSON departs from
// the protobuf JSON mapping, or where it allows two forms.
const OTLP_JSON_REQUEST = {
  resourceSpans: [
    {
      resource: {
        attributes: [
          { key: 'service.name', value: { stringValue: 'json-svc' } },
        ],
      },
      scopeSpans: [
        {
          scope: { name: 'json-scope', version: '0.0.1' },
          spans: [
            {
              traceId: TRACE_ID,
              spanId: SPAN_ID,
              parentSpanId: PARENT_SPAN_ID,
              name: 'json span',
              kind: 3,
              startTimeUnixNano: '1544712660000000000',
              endTimeUnixNano: 1544712661000000,
              attributes: [
                { key: 'int.string', value: { intValue: '9007199254740993' } },
                { key: 'int.number', value: { intValue: 7 } },
                {
                  key: 'bytes',
                  value: { bytesValue: BYTES.toString('base64') },
                },
                {
                  key: 'kvlist',
                  value: {
                    kvlistValue: {
                      values: [{ key: 'inner', value: { boolValue: false } }],
                    },
                  },
                },
                { key: '__proto__', value: { stringValue: 'plain key' } },
                { key: 'empty', value: {} },
              ],
              events: [
                {
                  timeUnixNano: '1544712660500000000',
                  name: 'json event',
                  attributes: [{ key: 'n', value: { doubleValue: 0.5 } }],
                },
              ],
              links: [{ traceId: TRACE_ID, spanId: PARENT_SPAN_ID }],
              status: { code: 2, message: 'json error' },
              unknownField: { ignored: true },
            },
          ],
        },
      ],
    },
  ],
};

async function postJsonRequest(t: {
  after: (fn: () => Promise<void>) => void;
}): Promise<{ receiver: Receiver; span: ReceivedSpan; body: Buffer }> {
  const receiver = await startReceiver({
    httpPort: 0,
    grpcPort: false,
    quiet: true,
  });
  t.after(() => receiver.close());
  const result = await post(
    `${receiver.httpUrl}${TRACES_PATH}`,
    JSON.stringify(OTLP_JSON_REQUEST),
    { 'Content-Type': 'application/json; charset=utf-8' },
  );
  assert.equal(result.status, 200);
  assert.equal(result.contentType, 'application/json');
  const [span] = await receiver.waitForSpans(() => true, 2000);
  return { receiver, span, body: result.body };
}

void describe('OTLP/JSON decoding', () => {
  void it('reads hex ids', async (t) => {
    const { span } = await postJsonRequest(t);

    assert.equal(span.traceId, TRACE_ID);
    assert.equal(span.spanId, SPAN_ID);
    assert.equal(span.parentSpanId, PARENT_SPAN_ID);
    assert.deepEqual(span.links, [
      { traceId: TRACE_ID, spanId: PARENT_SPAN_ID, attributes: {} },
    ]);
  });

  void it('reads integer enums', async (t) => {
    const { span } = await postJsonRequest(t);

    assert.equal(span.kind, 'CLIENT');
    assert.deepEqual(span.status, { code: 'ERROR', message: 'json error' });
  });

  void it('reads int64 strings and numbers', async (t) => {
    const { span } = await postJsonRequest(t);

    assert.equal(span.startTimeUnixNano, '1544712660000000000');
    assert.equal(span.endTimeUnixNano, '1544712661000000');
    assert.equal(span.attributes['int.string'], '9007199254740993');
    assert.equal(span.attributes['int.number'], 7);
    assert.equal(span.events[0].timeUnixNano, '1544712660500000000');
  });

  void it('unwraps other value types', async (t) => {
    const { span } = await postJsonRequest(t);

    assert.equal(span.attributes['bytes'], BYTES.toString('base64'));
    assert.deepEqual(span.attributes['kvlist'], { inner: false });
    assert.equal(span.attributes['empty'], null);
    assert.deepEqual(span.events[0].attributes, { n: 0.5 });
  });

  void it('keeps __proto__ as plain key', async (t) => {
    const { span } = await postJsonRequest(t);

    assert.equal(Object.getPrototypeOf(span.attributes), Object.prototype);
    assert.ok(Object.hasOwn(span.attributes, '__proto__'));
    assert.equal(
      Object.getOwnPropertyDescriptor(span.attributes, '__proto__')?.value,
      'plain key',
    );
  });

  void it('reads resource and scope', async (t) => {
    const { span } = await postJsonRequest(t);

    assert.deepEqual(span.resource, { 'service.name': 'json-svc' });
    assert.deepEqual(span.scope, { name: 'json-scope', version: '0.0.1' });
    assert.equal(span.transport, 'http/json');
  });

  void it('responds with JSON ExportTraceServiceResponse', async (t) => {
    const { body } = await postJsonRequest(t);

    const expected = ExportTraceServiceResponse.toObject(
      ExportTraceServiceResponse.create(),
    );
    assert.deepEqual(JSON.parse(body.toString()), expected);
  });
});

void describe('OTLP/HTTP protobuf response', () => {
  void it('decodes as ExportTraceServiceResponse', async (t) => {
    const receiver = await startReceiver({
      httpPort: 0,
      grpcPort: false,
      quiet: true,
    });
    t.after(() => receiver.close());

    const result = await post(
      `${receiver.httpUrl}${TRACES_PATH}`,
      encodeRequest(oneSpanRequest('protobuf response')),
      { 'Content-Type': 'application/x-protobuf' },
    );

    assert.equal(result.status, 200);
    assert.equal(result.contentType, 'application/x-protobuf');
    const response = ExportTraceServiceResponse.decode(result.body);
    assert.deepEqual(
      ExportTraceServiceResponse.toObject(response),
      ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.create()),
    );
  });
});
