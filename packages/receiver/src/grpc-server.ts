import type {
  MethodDefinition,
  sendUnaryData,
  ServerUnaryCall,
  ServiceDefinition,
} from '@grpc/grpc-js';
import { Server, ServerCredentials, status as GrpcStatus } from '@grpc/grpc-js';
import { decodeProtobufRequest, errorMessage } from './decode-protobuf';
import type { ExportHandler } from './export-handler';
import { logger } from './logger';
import type { OtlpExportRequest } from './otlp-types';
import {
  ExportTraceServiceRequest,
  ExportTraceServiceResponse,
} from './protos';
import { RejectedExportError } from './rejected-export-error';

/** Full gRPC method path of the OTLP trace export. */
export const TRACE_EXPORT_PATH =
  '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

/** Request as the server's deserializer returns it: the decoded export, or why decoding failed. */
export type DecodedExport =
  { request: OtlpExportRequest } | { rejection: RejectedExportError };

/** Settings of the OTLP/gRPC trace server. */
export interface GrpcTraceServerOptions {
  /** Maximum message size in bytes, applied after decompression. */
  maxMessageBytes: number;
  onExport: ExportHandler;
}

// When a deserializer throws, grpc-js (1.14.7, server-interceptors.js)
// responds with INTERNAL and no detail. So this deserializer returns decode
// failures, and the handler responds with INVALID_ARGUMENT and the message.
function deserializeRequest(bytes: Buffer): DecodedExport {
  try {
    return { request: decodeProtobufRequest(bytes) };
  } catch (error) {
    if (error instanceof RejectedExportError) {
      return { rejection: error };
    }
    throw error;
  }
}

function serializeRequest(value: DecodedExport): Buffer {
  if (!('request' in value)) {
    throw new Error(
      `cannot serialize a rejected export: ${value.rejection.message}`,
    );
  }
  const message = ExportTraceServiceRequest.fromObject(value.request);
  return toBuffer(ExportTraceServiceRequest.encode(message).finish());
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const exportMethod: MethodDefinition<DecodedExport, object> = {
  path: TRACE_EXPORT_PATH,
  requestStream: false,
  responseStream: false,
  requestSerialize: serializeRequest,
  requestDeserialize: deserializeRequest,
  responseSerialize: (message) =>
    toBuffer(ExportTraceServiceResponse.encode(message).finish()),
  responseDeserialize: (bytes) => ExportTraceServiceResponse.decode(bytes),
  originalName: 'export',
};

/** gRPC definition of opentelemetry.proto.collector.trace.v1.TraceService, built from the generated OTLP types. */
export const traceServiceDefinition: ServiceDefinition = {
  Export: exportMethod,
};

/** Creates a gRPC server that implements the OTLP TraceService. */
export function createGrpcTraceServer(options: GrpcTraceServerOptions): Server {
  const server = new Server({
    'grpc.max_receive_message_length': options.maxMessageBytes,
  });
  let rejectedCount = 0;
  server.addService(traceServiceDefinition, {
    Export: (
      call: ServerUnaryCall<DecodedExport, object>,
      callback: sendUnaryData<object>,
    ): void => {
      const peer = call.getPeer();
      if ('rejection' in call.request) {
        rejectedCount += 1;
        const message = call.request.rejection.message;
        logger.warn(
          `rejected OTLP/gRPC export from ${peer} (rejection ${rejectedCount}): ${message}`,
        );
        callback({ code: GrpcStatus.INVALID_ARGUMENT, details: message });
        return;
      }
      try {
        options.onExport(call.request.request, 'grpc', peer);
      } catch (error) {
        logger.error(`failed to handle OTLP/gRPC export from ${peer}`, error);
        callback({
          code: GrpcStatus.INTERNAL,
          details: `internal error in the receiver: ${errorMessage(error)}`,
        });
        return;
      }
      callback(null, ExportTraceServiceResponse.create());
    },
  });
  return server;
}

/** Binds the server to host and port (0 picks a free port) and returns the bound port. */
export function bindGrpcServer(
  server: Server,
  host: string,
  port: number,
): Promise<number> {
  const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return new Promise((resolve, reject) => {
    server.bindAsync(
      address,
      ServerCredentials.createInsecure(),
      (error, boundPort) => {
        if (error) {
          reject(error);
        } else {
          resolve(boundPort);
        }
      },
    );
  });
}

/** Shuts the server down, cancelling calls still in progress after graceMs milliseconds. */
export function shutDownGrpcServer(
  server: Server,
  graceMs: number,
): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.forceShutdown(), graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
