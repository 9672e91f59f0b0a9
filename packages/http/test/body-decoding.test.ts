import { SpanKind } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import type { Server, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';
import { send, startServer, stopServer } from './support/server';
import { setupTracing } from './support/tracing';

const LIMIT = 4096;
const tracing = setupTracing({ maxBodyBytes: LIMIT });

describe('response body decoding', () => {
  let server: Server;
  let base: string;
  let reply: (response: ServerResponse) => void = (response) => response.end();

  before(async () => {
    ({ server, base } = await startServer((_request, response) =>
      reply(response),
    ));
  });
  after(() => stopServer(server));

  async function capture(
    headers: Record<string, string>,
    body: Buffer | Buffer[],
  ) {
    tracing.reset();
    reply = (response) => {
      response.writeHead(200, headers);
      for (const chunk of Array.isArray(body) ? body : [body])
        response.write(chunk);
      response.end();
    };
    const received = await send(`${base}/`);
    const expected = Buffer.concat(Array.isArray(body) ? body : [body]);
    assert.deepEqual(
      received.body,
      expected,
      'the client must get the bytes unchanged',
    );
    return (await tracing.nextSpan(SpanKind.SERVER)).attributes;
  }

  const json = JSON.stringify({ report: 'quarterly', rows: [1, 2, 3] });
  const encoders: Record<string, (input: Buffer) => Buffer> = {
    gzip: (input) => zlib.gzipSync(input),
    deflate: (input) => zlib.deflateSync(input),
    br: (input) => zlib.brotliCompressSync(input),
  };

  for (const [coding, encode] of Object.entries(encoders)) {
    it(`decodes ${coding}`, async () => {
      const attributes = await capture(
        { 'content-type': 'application/json', 'content-encoding': coding },
        encode(Buffer.from(json)),
      );
      assert.equal(attributes['http.response.body'], json);
      assert.equal(attributes['http.response.body.truncated'], false);
    });
  }

  it('decodes raw deflate sent as deflate', async () => {
    const attributes = await capture(
      { 'content-type': 'application/json', 'content-encoding': 'deflate' },
      zlib.deflateRawSync(Buffer.from(json)),
    );
    assert.equal(attributes['http.response.body'], json);
  });

  it('flags a corrupt gzip stream', async () => {
    const good = zlib.gzipSync(Buffer.from(randomBytes(3000).toString('hex')));
    const corrupt = Buffer.from(good);
    corrupt.fill(0xff, 40, 60);
    const attributes = await capture(
      { 'content-type': 'text/plain', 'content-encoding': 'gzip' },
      corrupt,
    );
    assert.equal(
      attributes['tracegate.http.response.body.decode_problem'],
      'corrupt',
    );
    assert.equal(attributes['http.response.body.truncated'], true);
    assert.equal(typeof attributes['http.response.body'], 'string');
  });

  it('bounds a decompression bomb', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x61));
    const attributes = await capture(
      { 'content-type': 'text/plain', 'content-encoding': 'gzip' },
      bomb,
    );
    const body = attributes['http.response.body'] as string;
    assert.ok(body.length <= LIMIT, `decoded ${body.length} characters`);
    assert.ok(body.length > 0, 'the readable start is kept');
    assert.equal(
      attributes['tracegate.http.response.body.decode_problem'],
      'decode_limit',
    );
    assert.equal(attributes['http.response.body.truncated'], true);
  });

  it('truncates at the limit and reports the full size', async () => {
    const text = 'x'.repeat(LIMIT * 3);
    const attributes = await capture(
      { 'content-type': 'text/plain' },
      Buffer.from(text),
    );
    assert.equal(attributes['http.response.body'], text.slice(0, LIMIT));
    assert.equal(attributes['http.response.body.size'], text.length);
    assert.equal(attributes['http.response.body.truncated'], true);
  });

  it('decodes a declared charset', async () => {
    const attributes = await capture(
      { 'content-type': 'text/plain; charset=iso-8859-1' },
      Buffer.from('café crème', 'latin1'),
    );
    assert.equal(attributes['http.response.body'], 'café crème');
  });

  it('keeps a character split across chunks', async () => {
    const euro = Buffer.from('price: 5€', 'utf8');
    const attributes = await capture({ 'content-type': 'text/plain' }, [
      euro.subarray(0, euro.length - 2),
      euro.subarray(euro.length - 2),
    ]);
    assert.equal(attributes['http.response.body'], 'price: 5€');
  });

  it('drops a character cut by the limit', async () => {
    const text = 'a'.repeat(LIMIT - 1) + '€€';
    const attributes = await capture(
      { 'content-type': 'text/plain' },
      Buffer.from(text),
    );
    const body = attributes['http.response.body'] as string;
    assert.equal(body, 'a'.repeat(LIMIT - 1));
    assert.ok(!body.includes('\ufffd'));
  });
});
