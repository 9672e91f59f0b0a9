import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { Receiver } from '../src/index';
import { decodeRpcStatus, startReceiver, TRACES_PATH } from '../src/index';
import { encodeRequest, oneSpanRequest, post } from './http-client';

const PROTOBUF = { 'Content-Type': 'application/x-protobuf' };
const JSON_TYPE = { 'Content-Type': 'application/json' };

async function startHttpReceiver(
  t: { after: (fn: () => Promise<void>) => void },
  maxBodyBytes?: number,
): Promise<Receiver> {
  const receiver = await startReceiver({
    httpPort: 0,
    grpcPort: false,
    quiet: true,
    maxBodyBytes,
  });
  t.after(() => receiver.close());
  return receiver;
}

// Sends a valid export and checks that it arrives, which shows that the
// receiver still serves after an earlier failure.
async function assertStillServes(receiver: Receiver): Promise<void> {
  const name = `after-failure-${Math.random()}`;
  const result = await post(
    `${receiver.httpUrl}${TRACES_PATH}`,
    encodeRequest(oneSpanRequest(name)),
    PROTOBUF,
  );
  assert.equal(result.status, 200);
  const spans = await receiver.waitForSpans((span) => span.name === name, 2000);
  assert.equal(spans.length, 1);
}

void describe('HTTP receiver failures', () => {
  void it('rejects corrupt protobuf with 400', async (t) => {
    const receiver = await startHttpReceiver(t);
    const corrupt = Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]);

    const result = await post(
      `${receiver.httpUrl}${TRACES_PATH}`,
      corrupt,
      PROTOBUF,
    );

    assert.equal(result.status, 400);
    assert.equal(result.contentType, 'application/x-protobuf');
    const status = decodeRpcStatus(result.body);
    assert.equal(status.code, 3);
    assert.match(status.message, /invalid protobuf ExportTraceServiceRequest/);
    assert.equal(receiver.spans.length, 0);
    await assertStillServes(receiver);
  });

  void it('rejects malformed JSON with 400', async (t) => {
    const receiver = await startHttpReceiver(t);

    const result = await post(
      `${receiver.httpUrl}${TRACES_PATH}`,
      '{"resourceSpans": [',
      JSON_TYPE,
    );

    assert.equal(result.status, 400);
    assert.equal(result.contentType, 'application/json');
    const status = JSON.parse(result.body.toString()) as {
      code: number;
      message: string;
    };
    assert.equal(status.code, 3);
    assert.match(status.message, /^invalid JSON/);
    await assertStillServes(receiver);
  });

  const invalidJsonCases = [
    { label: 'array body', body: '[]', pattern: /must be a JSON object/ },
    {
      label: 'wrong field type',
      body: '{"resourceSpans": {}}',
      pattern: /resourceSpans: array expected/,
    },
    {
      label: 'non-hex trace id',
      body: JSON.stringify({
        resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'zz' }] }] }],
      }),
      pattern: /traceId "zz" is not an even-length hex string/,
    },
    {
      label: 'non-decimal int64',
      body: JSON.stringify({
        resourceSpans: [
          { scopeSpans: [{ spans: [{ startTimeUnixNano: '12ab' }] }] },
        ],
      }),
      pattern: /startTimeUnixNano "12ab" is not a decimal int64/,
    },
    {
      label: 'int64 out of range',
      body: JSON.stringify({
        resourceSpans: [
          {
            scopeSpans: [
              { spans: [{ endTimeUnixNano: '9223372036854775808' }] },
            ],
          },
        ],
      }),
      pattern: /endTimeUnixNano "9223372036854775808" is not a decimal int64/,
    },
    {
      label: 'enum given by name',
      body: JSON.stringify({
        resourceSpans: [
          { scopeSpans: [{ spans: [{ kind: 'SPAN_KIND_SERVER' }] }] },
        ],
      }),
      pattern: /kind: enum value expected/,
    },
  ];
  for (const { label, body, pattern } of invalidJsonCases) {
    void it(`rejects JSON with ${label}`, async (t) => {
      const receiver = await startHttpReceiver(t);

      const result = await post(
        `${receiver.httpUrl}${TRACES_PATH}`,
        body,
        JSON_TYPE,
      );

      assert.equal(result.status, 400);
      const status = JSON.parse(result.body.toString()) as { message: string };
      assert.match(status.message, pattern);
    });
  }

  void it('rejects declared oversized body with 413', async (t) => {
    const receiver = await startHttpReceiver(t, 1024);

    const result = await post(
      `${receiver.httpUrl}${TRACES_PATH}`,
      Buffer.alloc(2048),
      PROTOBUF,
    );

    assert.equal(result.status, 413);
    assert.equal(decodeRpcStatus(result.body).code, 8);
    await assertStillServes(receiver);
  });

  void it('rejects gzip expanding over limit with 413', async (t) => {
    const maxBodyBytes = 64 * 1024;
    const receiver = await startHttpReceiver(t, maxBodyBytes);
    const compressed = gzipSync(Buffer.alloc(maxBodyBytes * 16));
    assert.ok(compressed.length < maxBodyBytes);

    const result = await post(`${receiver.httpUrl}${TRACES_PATH}`, compressed, {
      ...PROTOBUF,
      'Content-Encoding': 'gzip',
    });

    assert.equal(result.status, 413);
    assert.match(decodeRpcStatus(result.body).message, /decompresses to more/);
  });

  void it('rejects invalid gzip with 400', async (t) => {
    const receiver = await startHttpReceiver(t);

    const result = await post(
      `${receiver.httpUrl}${TRACES_PATH}`,
      Buffer.from('not gzip'),
      { ...PROTOBUF, 'Content-Encoding': 'gzip' },
    );

    assert.equal(result.status, 400);
    assert.match(decodeRpcStatus(result.body).message, /^invalid gzip body/);
  });

  void it('rejects unknown encoding with 415', async (t) => {
    const receiver = await startHttpReceiver(t);

    const result = await post(
      `${receiver.httpUrl}${TRACES_PATH}`,
      encodeRequest(oneSpanRequest('brotli')),
      { ...PROTOBUF, 'Content-Encoding': 'br' },
    );

    assert.equal(result.status, 415);
  });

  void it('rejects unknown content type with 415', async (t) => {
    const receiver = await startHttpReceiver(t);

    const result = await post(`${receiver.httpUrl}${TRACES_PATH}`, 'spans', {
      'Content-Type': 'text/plain',
    });

    assert.equal(result.status, 415);
    assert.match(
      result.body.toString(),
      /unsupported Content-Type "text\/plain"/,
    );
  });

  void it('answers other paths with 404', async (t) => {
    const receiver = await startHttpReceiver(t);

    const result = await post(
      `${receiver.httpUrl}/v1/metrics`,
      encodeRequest(oneSpanRequest('metrics')),
      PROTOBUF,
    );

    assert.equal(result.status, 404);
  });

  void it('answers GET with 405', async (t) => {
    const receiver = await startHttpReceiver(t);

    const response = await fetch(`${receiver.httpUrl}${TRACES_PATH}`);
    await response.arrayBuffer();

    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST');
  });
});

void describe('HTTP receiver gzip', () => {
  void it('decodes gzip protobuf body', async (t) => {
    const receiver = await startHttpReceiver(t);
    const name = 'gzip-protobuf';

    const result = await post(
      `${receiver.httpUrl}${TRACES_PATH}`,
      gzipSync(encodeRequest(oneSpanRequest(name))),
      { ...PROTOBUF, 'Content-Encoding': 'gzip' },
    );

    assert.equal(result.status, 200);
    const spans = await receiver.waitForSpans(
      (span) => span.name === name,
      2000,
    );
    assert.equal(spans[0].transport, 'http/protobuf');
  });

  void it('decodes gzip JSON body', async (t) => {
    const receiver = await startHttpReceiver(t);
    const name = 'gzip-json';
    const body = JSON.stringify({
      resourceSpans: [{ scopeSpans: [{ spans: [{ name }] }] }],
    });

    const result = await post(
      `${receiver.httpUrl}${TRACES_PATH}`,
      gzipSync(body),
      { ...JSON_TYPE, 'Content-Encoding': 'gzip' },
    );

    assert.equal(result.status, 200);
    const spans = await receiver.waitForSpans(
      (span) => span.name === name,
      2000,
    );
    assert.equal(spans[0].transport, 'http/json');
  });
});

void describe('HTTP receiver streamed body', () => {
  void it('rejects chunked body over limit with 413', async (t) => {
    const maxBodyBytes = 1024;
    const receiver = await startHttpReceiver(t, maxBodyBytes);

    const status = await postChunked(`${receiver.httpUrl}${TRACES_PATH}`, [
      Buffer.alloc(maxBodyBytes),
      Buffer.alloc(maxBodyBytes),
    ]);

    assert.equal(status, 413);
    await assertStillServes(receiver);
  });
  void it('survives client disconnect mid-body', async (t) => {
    const receiver = await startHttpReceiver(t);

    await sendPartialBody(`${receiver.httpUrl}${TRACES_PATH}`);

    assert.equal(receiver.spans.length, 0);
    await assertStillServes(receiver);
  });
});

// Declares a 1000-byte body, sends 10 bytes and disconnects once the server
// has accepted the request.
function sendPartialBody(url: string): Promise<void> {
  return new Promise((resolve) => {
    const request = httpRequest(url, {
      method: 'POST',
      headers: { ...PROTOBUF, 'Content-Length': '1000' },
    });
    request.once('error', () => resolve());
    request.write(Buffer.alloc(10), () => {
      setTimeout(() => {
        request.destroy();
        resolve();
      }, 50);
    });
  });
}

// Sends the chunks without a Content-Length, so the server can only find the
// size while reading.
function postChunked(url: string, chunks: Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: 'POST', headers: PROTOBUF },
      (response) => {
        response.resume();
        response.once('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.once('error', reject);
    for (const chunk of chunks) {
      request.write(chunk);
    }
    request.end();
  });
}
