import { status as GrpcStatus } from '@grpc/grpc-js';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { decodeJsonRequest } from './decode-json';
import { decodeProtobufRequest } from './decode-protobuf';
import type { ExportHandler } from './export-handler';
import { decodeContentEncoding, readRequestBody } from './http-body';
import { logger } from './logger';
import { ExportTraceServiceResponse } from './protos';
import { RejectedExportError } from './rejected-export-error';
import { encodeRpcStatus } from './rpc-status';

/** Path of the OTLP/HTTP trace export endpoint. */
export const TRACES_PATH = '/v1/traces';

type BodyFormat = 'protobuf' | 'json';

/** Settings of the OTLP/HTTP trace server. */
export interface HttpTraceServerOptions {
  /** Maximum body size in bytes, applied before and after gzip decompression. */
  maxBodyBytes: number;
  onExport: ExportHandler;
}

// gRPC status codes for the google.rpc.Status body of each HTTP failure.
const GRPC_CODE_BY_HTTP_STATUS = new Map<number, number>([
  [400, GrpcStatus.INVALID_ARGUMENT],
  [404, GrpcStatus.NOT_FOUND],
  [405, GrpcStatus.UNIMPLEMENTED],
  [413, GrpcStatus.RESOURCE_EXHAUSTED],
  [415, GrpcStatus.INVALID_ARGUMENT],
]);

/** Creates an HTTP server that accepts OTLP trace exports on POST /v1/traces. */
export function createHttpTraceServer(options: HttpTraceServerOptions): Server {
  let rejectedCount = 0;
  const onRejected = (): number => ++rejectedCount;
  return createServer((request, response) => {
    handleRequest(request, response, options, onRejected).catch(
      (error: unknown) =>
        logger.error(
          `failed to respond to ${request.method} ${request.url}`,
          error,
        ),
    );
  });
}

async function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  options: HttpTraceServerOptions,
  countRejection: () => number,
): Promise<void> {
  const peer = `${request.socket.remoteAddress}:${request.socket.remotePort}`;
  const format = bodyFormat(request.headers['content-type']);
  try {
    checkRoute(request);
    if (format === undefined) {
      throw new RejectedExportError(
        `unsupported Content-Type "${request.headers['content-type'] ?? ''}": send application/x-protobuf or application/json`,
        415,
      );
    }
    // NOTE: the number of requests read at once is not limited, and each can
    // hold up to maxBodyBytes before and after decompression, so memory grows
    // with the number of parallel uploads.
    const rawBody = await readRequestBody(request, options.maxBodyBytes);
    const body = await decodeContentEncoding(
      rawBody,
      request.headers['content-encoding'],
      options.maxBodyBytes,
    );
    const exportRequest =
      format === 'json' ? decodeJsonRequest(body) : decodeProtobufRequest(body);
    options.onExport(
      exportRequest,
      format === 'json' ? 'http/json' : 'http/protobuf',
      peer,
    );
    sendSuccess(response, format);
  } catch (error) {
    if (error instanceof RejectedExportError) {
      logger.warn(
        `rejected OTLP/HTTP export from ${peer} with ${error.statusCode} (rejection ${countRejection()}): ${error.message}`,
      );
      sendFailure(response, error.statusCode, error.message, format);
    } else {
      logger.error(`failed to handle OTLP/HTTP export from ${peer}`, error);
      sendFailure(response, 500, 'internal error in the receiver', format);
    }
    // Discards any body that was not read, so the connection can finish.
    request.resume();
  }
}

function checkRoute(request: IncomingMessage): void {
  const path = (request.url ?? '').split('?')[0];
  if (path !== TRACES_PATH) {
    throw new RejectedExportError(
      `no endpoint at ${path}: send trace exports to POST ${TRACES_PATH}`,
      404,
    );
  }
  if (request.method !== 'POST') {
    throw new RejectedExportError(
      `method ${request.method} is not allowed on ${TRACES_PATH}: use POST`,
      405,
    );
  }
}

function bodyFormat(contentType: string | undefined): BodyFormat | undefined {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType === 'application/x-protobuf') {
    return 'protobuf';
  }
  if (mediaType === 'application/json') {
    return 'json';
  }
  return undefined;
}

function sendSuccess(response: ServerResponse, format: BodyFormat): void {
  const message = ExportTraceServiceResponse.create();
  if (format === 'json') {
    const json = JSON.stringify(ExportTraceServiceResponse.toObject(message));
    send(response, 200, 'application/json', json);
  } else {
    const bytes = ExportTraceServiceResponse.encode(message).finish();
    send(response, 200, 'application/x-protobuf', bytes);
  }
}

// OTLP/HTTP specifies a google.rpc.Status body for failures, encoded like the
// request. A request whose Content-Type is unsupported gets plain text.
function sendFailure(
  response: ServerResponse,
  statusCode: number,
  message: string,
  format: BodyFormat | undefined,
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (statusCode === 405) {
    response.setHeader('Allow', 'POST');
  }
  const status = {
    code: GRPC_CODE_BY_HTTP_STATUS.get(statusCode) ?? GrpcStatus.INTERNAL,
    message,
  };
  if (format === 'json') {
    send(response, statusCode, 'application/json', JSON.stringify(status));
  } else if (format === 'protobuf') {
    send(
      response,
      statusCode,
      'application/x-protobuf',
      encodeRpcStatus(status),
    );
  } else {
    send(response, statusCode, 'text/plain; charset=utf-8', `${message}\n`);
  }
}

function send(
  response: ServerResponse,
  statusCode: number,
  contentType: string,
  body: string | Uint8Array,
): void {
  response.writeHead(statusCode, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}
