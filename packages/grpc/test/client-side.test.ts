import type * as GrpcJs from '@grpc/grpc-js';
import { SpanKind } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import type { ChildProcessByStdio } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  assertNoSecrets,
  json,
  messageEvents,
  requestMetadata,
  richRequest,
} from './support/call-kinds-suite';
import { callServerStream, callUnary } from './support/echo-calls';
import { protoLoaderApi, spanName } from './support/echo-service';
import { loadGrpc } from './support/grpc';
import { setupTracing } from './support/tracing';

const tracing = setupTracing();

// The server runs in a process without instrumentation, so it sends the
// trailers of unary calls, which instrumentation-grpc 0.223 drops.
describe('client against a plain server', () => {
  let server: ChildProcessByStdio<Writable, Readable, null>;
  let client: GrpcJs.Client;
  let grpc: typeof GrpcJs;

  before(async () => {
    server = spawn(
      process.execPath,
      [path.join(__dirname, 'support', 'plain-server.js')],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const [line] = (await once(server.stdout, 'data')) as [Buffer];
    const { port } = JSON.parse(line.toString()) as { port: number };
    grpc = loadGrpc('newest');
    const api = protoLoaderApi(grpc);
    client = new api.Client(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
    );
  });
  after(async () => {
    client.close();
    server.stdin.end();
    await once(server, 'close');
  });

  it('unary trailers after the callback', async () => {
    tracing.reset();
    const outcome = await callUnary(
      client,
      richRequest('proto-loader', 'plain'),
      requestMetadata(grpc),
    );
    assert.deepEqual(outcome.trailers['x-checksum'], ['c0ffee']);
    const span = await tracing.nextSpan(SpanKind.CLIENT, spanName('Unary'));
    assert.deepEqual(span.attributes['rpc.response.metadata.x-checksum'], [
      'c0ffee',
    ]);
    assert.deepEqual(span.attributes['rpc.response.metadata.x-api-key'], [
      '[REDACTED:x-api-key]',
    ]);
    assert.deepEqual(span.attributes['rpc.response.metadata.x-served-by'], [
      'echo',
    ]);
    assert.equal(span.attributes['rpc.grpc.status_code'], 0);
    assert.equal(
      json(span.attributes['rpc.response.body']).text,
      'echo: plain',
    );
    assertNoSecrets(span);
  });

  it('server stream messages', async () => {
    tracing.reset();
    const outcome = await callServerStream(
      client,
      { text: 'feed', count: 4 },
      requestMetadata(grpc),
    );
    assert.equal(outcome.responses.length, 4);
    const span = await tracing.nextSpan(
      SpanKind.CLIENT,
      spanName('ServerStream'),
    );
    const events = messageEvents(span, 'RECEIVED');
    assert.equal(events.length, 4);
    assert.deepEqual(span.attributes['rpc.response.metadata.x-checksum'], [
      'c0ffee',
    ]);
  });
});
