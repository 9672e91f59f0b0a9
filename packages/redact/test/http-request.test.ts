import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Redactor } from '../src';
import { collectFindings } from './findings-collector';

interface CapturedRequest {
  headers: Record<string, string>;
  url: string;
  body: string;
}

const redactor = new Redactor();

/** Redacts a request in the form node:http delivers it to a capturing agent. */
function redactRequest(
  request: IncomingMessage,
  body: string,
  sink: Parameters<Redactor['header']>[2],
): CapturedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const values = Array.isArray(value) ? value : [value ?? ''];
    headers[name] = values
      .map((v) => redactor.header(name, v, sink))
      .join(', ');
  }
  const mediaType = request.headers['content-type'] ?? '';
  return {
    headers,
    url: redactor.url(request.url ?? '', sink),
    body: redactor.body(body, mediaType, sink),
  };
}

describe('requests received by node:http', () => {
  let server: Server;
  let captured: Promise<CapturedRequest>;
  const { sink, findings } = collectFindings();

  beforeEach(async () => {
    findings.length = 0;
    let resolveCapture: (request: CapturedRequest) => void = () => undefined;
    captured = new Promise((resolve) => {
      resolveCapture = resolve;
    });
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolveCapture(redactRequest(request, body, sink));
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve),
    );
  });

  afterEach(async () => {
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  });

  function baseUrl(): string {
    const { port } = server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  it('masks headers, query and JSON body', async () => {
    const response = await fetch(`${baseUrl()}/login?next=%2Fhome&api_key=k1`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer abc.def.ghi',
        cookie: 'session=s1; theme=dark',
        'content-type': 'application/json',
        'x-request-id': 'r-42',
      },
      body: JSON.stringify({ user: 'jane@example.com', password: 'hunter2' }),
    });
    assert.equal(await response.text(), 'ok');
    const request = await captured;
    assert.equal(request.headers.authorization, '[REDACTED:authorization]');
    assert.equal(
      request.headers.cookie,
      'session=[REDACTED:cookie]; theme=[REDACTED:cookie]',
    );
    assert.equal(request.headers['x-request-id'], 'r-42');
    assert.equal(request.url, '/login?next=%2Fhome&api_key=[REDACTED:api_key]');
    assert.equal(
      request.body,
      '{"user":"[REDACTED:email]","password":"[REDACTED:password]"}',
    );
    const paths = findings.map((finding) => finding.path).sort();
    assert.deepEqual(paths, [
      'body.password',
      'body.user',
      'cookie.session',
      'cookie.theme',
      'header.authorization',
      'query.api_key',
    ]);
  });

  it('masks a form body', async () => {
    const response = await fetch(`${baseUrl()}/pay`, {
      method: 'POST',
      body: new URLSearchParams({
        amount: '10',
        card_number: '4242 4242 4242 4242',
        note: 'hi',
      }),
    });
    assert.equal(await response.text(), 'ok');
    const request = await captured;
    assert.equal(
      request.body,
      'amount=10&card_number=[REDACTED:card_number]&note=hi',
    );
  });

  it('masks JSON sent as text/plain', async () => {
    const response = await fetch(`${baseUrl()}/t`, {
      method: 'POST',
      body: JSON.stringify({ token: 't0k3n' }),
    });
    assert.equal(await response.text(), 'ok');
    const request = await captured;
    assert.equal(request.headers['content-type'], 'text/plain;charset=UTF-8');
    assert.equal(request.body, '{"token":"[REDACTED:token]"}');
  });
});
