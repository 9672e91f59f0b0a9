import type {
  MethodDefinition,
  ServiceDefinition,
  ServiceError,
} from '@grpc/grpc-js';
import {
  credentials,
  makeGenericClientConstructor,
  status as GrpcStatus,
} from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Receiver } from '../src/index';
import {
  startReceiver,
  TRACE_EXPORT_PATH,
  traceServiceDefinition,
} from '../src/index';
import { toPlainRequest } from '../src/decode-protobuf';
import { ExportTraceServiceRequest } from '../src/protos';
import { oneSpanRequest } from './http-client';

// Sends bytes unchanged, so that a test can send a corrupt message.
const rawExportMethod: MethodDefinition<Buffer, Buffer> = {
  path: TRACE_EXPORT_PATH,
  requestStream: false,
  responseStream: false,
  requestSerialize: (bytes) => bytes,
  requestDeserialize: (bytes) => bytes,
  responseSerialize: (bytes) => bytes,
  responseDeserialize: (bytes) => bytes,
};

type UnaryClient = Record<
  string,
  (
    request: unknown,
    callback: (error: ServiceError | null, response?: unknown) => void,
  ) => void
> & { close(): void };

function createClient(
  receiver: Receiver,
  definition: ServiceDefinition,
): UnaryClient {
  assert.ok(receiver.grpcUrl, 'the receiver has no gRPC server');
  const Client = makeGenericClientConstructor(definition, 'TraceService');
  const address = new URL(receiver.grpcUrl).host;
  return new Client(
    address,
    credentials.createInsecure(),
  ) as unknown as UnaryClient;
}

function callExport(
  client: UnaryClient,
  request: unknown,
): Promise<ServiceError | null> {
  return new Promise((resolve) => {
    client.Export(request, (error) => resolve(error));
  });
}

async function startGrpcReceiver(
  t: { after: (fn: () => Promise<void>) => void },
  maxBodyBytes?: number,
): Promise<Receiver> {
  const receiver = await startReceiver({
    httpPort: 0,
    grpcPort: 0,
    quiet: true,
    maxBodyBytes,
  });
  t.after(() => receiver.close());
  return receiver;
}

void describe('gRPC receiver failures', () => {
  void it('rejects corrupt message with INVALID_ARGUMENT', async (t) => {
    const receiver = await startGrpcReceiver(t);
    const rawClient = createClient(receiver, { Export: rawExportMethod });
    t.after(() => rawClient.close());

    const error = await callExport(
      rawClient,
      Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]),
    );

    assert.equal(error?.code, GrpcStatus.INVALID_ARGUMENT);
    assert.match(
      error?.details ?? '',
      /invalid protobuf ExportTraceServiceRequest/,
    );
    assert.equal(receiver.spans.length, 0);
  });

  void it('keeps serving after corrupt message', async (t) => {
    const receiver = await startGrpcReceiver(t);
    const rawClient = createClient(receiver, { Export: rawExportMethod });
    const client = createClient(receiver, traceServiceDefinition);
    t.after(() => {
      rawClient.close();
      client.close();
    });
    await callExport(rawClient, Buffer.from([0xff, 0xff]));

    const request = toPlainRequest(
      ExportTraceServiceRequest.fromObject(oneSpanRequest('after corrupt')),
    );
    const error = await callExport(client, { request });

    assert.equal(error, null);
    const spans = await receiver.waitForSpans(
      (span) => span.name === 'after corrupt',
      2000,
    );
    assert.equal(spans[0].transport, 'grpc');
  });

  void it('rejects oversized message with RESOURCE_EXHAUSTED', async (t) => {
    const receiver = await startGrpcReceiver(t, 1024);
    const rawClient = createClient(receiver, { Export: rawExportMethod });
    t.after(() => rawClient.close());

    const error = await callExport(rawClient, Buffer.alloc(2048));

    assert.equal(error?.code, GrpcStatus.RESOURCE_EXHAUSTED);
  });
});
