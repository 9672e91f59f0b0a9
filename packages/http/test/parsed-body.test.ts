import { SpanKind } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import type * as Http from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setupTracing } from './support/tracing';
import { readAll, send, startServer, stopServer } from './support/server';
import { ATTR_REQUEST_BODY_PARSED, REQUEST_BODY, setParsedBody } from '../src';
import { snapshotJson } from '../src/parsed-body';

const MAX_BODY_BYTES = 2048;
const tracing = setupTracing({ maxBodyBytes: MAX_BODY_BYTES });

/** Turns the raw body into the value the test hands to `setParsedBody`. */
type Parse = (raw: string) => unknown;

describe('setParsedBody', () => {
  let server: Server;
  let base: string;
  let parse: Parse | undefined;
  let afterParse: ((parsed: unknown) => void) | undefined;

  before(async () => {
    ({ server, base } = await startServer(
      (request: IncomingMessage, response: ServerResponse) => {
        void readAll(request).then((raw) => {
          if (parse !== undefined) {
            const parsed = parse(raw.toString());
            setParsedBody(request, parsed);
            afterParse?.(parsed);
          }
          response.end('done');
        });
      },
    ));
  });
  after(() => stopServer(server));

  async function post(body: string, contentType: string) {
    tracing.reset();
    const response = await send(`${base}/submit`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    assert.equal(response.body.toString(), 'done');
    return tracing.nextSpan(SpanKind.SERVER);
  }

  it('records the parsed form as JSON', async () => {
    parse = (raw) => Object.fromEntries(new URLSearchParams(raw));
    afterParse = undefined;
    const raw = 'user=jane&password=hunter2';
    const span = await post(raw, 'application/x-www-form-urlencoded');
    assert.equal(
      span.attributes[REQUEST_BODY.body],
      '{"user":"jane","password":"[REDACTED:password]"}',
    );
    assert.equal(span.attributes[ATTR_REQUEST_BODY_PARSED], true);
    assert.equal(span.attributes[REQUEST_BODY.size], raw.length);
    assert.equal(span.attributes[REQUEST_BODY.truncated], false);
  });

  it('keeps the value as it was at the call', async () => {
    parse = (raw) => JSON.parse(raw) as unknown;
    afterParse = (parsed) => {
      (parsed as { note: string }).note = 'changed by the app';
    };
    const span = await post('{"note":"as sent"}', 'application/json');
    assert.equal(span.attributes[REQUEST_BODY.body], '{"note":"as sent"}');
  });

  it('falls back to raw bytes for a cycle', async () => {
    parse = () => {
      const cyclic: Record<string, unknown> = { name: 'loop' };
      cyclic.self = cyclic;
      return cyclic;
    };
    afterParse = undefined;
    const raw = '{ "name": "loop" }';
    const span = await post(raw, 'application/json');
    assert.equal(span.attributes[REQUEST_BODY.body], raw);
    assert.equal(span.attributes[ATTR_REQUEST_BODY_PARSED], undefined);
  });

  it('falls back to raw bytes past maxBodyBytes', async () => {
    parse = () => ({ items: Array.from({ length: 500 }, (_, i) => i * 1000) });
    afterParse = undefined;
    const raw = '{"items":"short on the wire"}';
    const span = await post(raw, 'application/json');
    assert.equal(span.attributes[REQUEST_BODY.body], raw);
    assert.equal(span.attributes[ATTR_REQUEST_BODY_PARSED], undefined);
  });

  it('skips a media type outside contentTypes', async () => {
    parse = () => ({ kind: 'binary' });
    afterParse = undefined;
    const span = await post('bytes', 'application/octet-stream');
    assert.equal(span.attributes[REQUEST_BODY.body], undefined);
    assert.equal(
      span.attributes[REQUEST_BODY.skippedType],
      'application/octet-stream',
    );
  });

  it('ignores a request without capture', () => {
    // Loaded here, after setupTracing(), like every node:http use in tests.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const http = require('node:http') as typeof Http;
    const request = new http.IncomingMessage(new Socket());
    assert.doesNotThrow(() => setParsedBody(request, { a: 1 }));
  });
});

describe('snapshotJson', () => {
  it('serializes within the limit', () => {
    assert.equal(snapshotJson({ a: [1, 'x'] }, 100), '{"a":[1,"x"]}');
  });

  it('rejects output over the limit', () => {
    assert.equal(snapshotJson({ a: 'x'.repeat(200) }, 100), undefined);
  });

  it('rejects a BigInt', () => {
    assert.equal(snapshotJson({ a: 1n }, 100), undefined);
  });

  it('rejects a value with no JSON form', () => {
    assert.equal(snapshotJson(undefined, 100), undefined);
  });

  it('serializes a small wire body directly', () => {
    assert.equal(snapshotJson({ a: [1, 'x'] }, 100, 20), '{"a":[1,"x"]}');
  });

  it('rejects large output from a small wire body', () => {
    assert.equal(snapshotJson({ a: 'x'.repeat(200) }, 100, 20), undefined);
  });

  it('rejects a BigInt from a small wire body', () => {
    assert.equal(snapshotJson({ a: 1n }, 100, 20), undefined);
  });
});
