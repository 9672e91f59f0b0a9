import type { Server as GrpcServer } from '@grpc/grpc-js';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorMessage } from './decode-protobuf';
import type { ExportHandler } from './export-handler';
import { flattenExportRequest } from './flatten';
import { formatSpan } from './format-span';
import {
  bindGrpcServer,
  createGrpcTraceServer,
  shutDownGrpcServer,
} from './grpc-server';
import { createHttpTraceServer } from './http-server';
import { logger } from './logger';
import type { ReceivedSpan } from './received-span';
import type { SpanPredicate } from './span-store';
import { SpanStore } from './span-store';

/** Options of startReceiver. */
export interface ReceiverOptions {
  /** Address to listen on. Defaults to 127.0.0.1. */
  host?: string;
  /** Port for OTLP/HTTP. Defaults to 4318, and 0 picks a free port. */
  httpPort?: number;
  /** Port for OTLP/gRPC. Defaults to 4317, 0 picks a free port, and false disables gRPC. */
  grpcPort?: number | false;
  /** If true, spans are not printed to standard output. Defaults to false. */
  quiet?: boolean;
  /** Called with the spans of each accepted export. Errors it throws are logged and ignored. */
  onSpans?: (spans: ReceivedSpan[]) => void;
  /** Maximum number of spans kept in `spans`, with the oldest dropped first. Defaults to 10000. */
  maxSpans?: number;
  /** Maximum export size in bytes, before and after gzip decompression. Defaults to 20 MiB, the limit that the OTLP specification recommends. */
  maxBodyBytes?: number;
}

/** Running OTLP trace receiver. */
export interface Receiver {
  /** Base URL of the OTLP/HTTP server, such as http://127.0.0.1:4318. Exports go to `${httpUrl}/v1/traces`. */
  readonly httpUrl: string;
  /** URL of the OTLP/gRPC server, such as http://127.0.0.1:4317, or undefined when gRPC is disabled. */
  readonly grpcUrl: string | undefined;
  /** Copy of the spans received so far (up to maxSpans), oldest first. */
  readonly spans: ReceivedSpan[];
  /**
   * Waits until at least minCount received spans (default 1) match the
   * predicate and returns all matching spans.
   *
   * Rejects after timeoutMs milliseconds (default 5000) with a message that
   * lists the received span names, and also when the receiver closes.
   */
  waitForSpans(
    predicate: SpanPredicate,
    timeoutMs?: number,
    minCount?: number,
  ): Promise<ReceivedSpan[]>;
  /** Removes every stored span. */
  clear(): void;
  /** Stops both servers, closing open connections, and rejects pending waits. */
  close(): Promise<void>;
}

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_HTTP_PORT = 4318;
const DEFAULT_GRPC_PORT = 4317;
const DEFAULT_MAX_SPANS = 10_000;
const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;
const DEFAULT_WAIT_TIMEOUT_MS = 5000;
// Time that gRPC calls in progress get to finish when the receiver closes.
const GRPC_SHUTDOWN_GRACE_MS = 2000;

/** Starts an OTLP trace receiver on HTTP and, unless disabled, gRPC. */
export async function startReceiver(
  options: ReceiverOptions = {},
): Promise<Receiver> {
  const host = options.host ?? DEFAULT_HOST;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const store = new SpanStore(options.maxSpans ?? DEFAULT_MAX_SPANS);
  const onExport = createExportHandler(store, options);

  const httpServer = createHttpTraceServer({ maxBodyBytes, onExport });
  const httpPort = await listenHttp(
    httpServer,
    host,
    options.httpPort ?? DEFAULT_HTTP_PORT,
  );

  let grpcServer: GrpcServer | undefined;
  let grpcUrl: string | undefined;
  const grpcPort = options.grpcPort ?? DEFAULT_GRPC_PORT;
  if (grpcPort !== false) {
    grpcServer = createGrpcTraceServer({
      maxMessageBytes: maxBodyBytes,
      onExport,
    });
    try {
      grpcUrl = toUrl(host, await bindGrpcServer(grpcServer, host, grpcPort));
    } catch (error) {
      grpcServer.forceShutdown();
      await closeHttp(httpServer).catch((closeError: unknown) =>
        logger.error(
          `failed to close the HTTP server on port ${httpPort}`,
          closeError,
        ),
      );
      throw error;
    }
  }

  const httpUrl = toUrl(host, httpPort);
  let closing: Promise<void> | undefined;
  logger.info(`listening http=${httpUrl} grpc=${grpcUrl ?? 'disabled'}`);
  return {
    httpUrl,
    grpcUrl,
    get spans() {
      return store.list();
    },
    waitForSpans: (predicate, timeoutMs, minCount) =>
      store.waitFor(
        predicate,
        timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS,
        minCount ?? 1,
      ),
    clear: () => store.clear(),
    close: () => {
      // Repeated calls share the first shutdown instead of failing.
      closing ??= closeServers();
      return closing;
    },
  };

  async function closeServers(): Promise<void> {
    store.close();
    await Promise.all([
      closeHttp(httpServer),
      grpcServer && shutDownGrpcServer(grpcServer, GRPC_SHUTDOWN_GRACE_MS),
    ]);
    logger.info(`stopped http=${httpUrl} grpc=${grpcUrl ?? 'disabled'}`);
  }
}

function createExportHandler(
  store: SpanStore,
  options: ReceiverOptions,
): ExportHandler {
  return (request, transport, peer) => {
    const spans = flattenExportRequest(request, transport);
    store.add(spans);
    if (options.quiet !== true) {
      for (const span of spans) {
        process.stdout.write(`${formatSpan(span)}\n`);
      }
    }
    if (options.onSpans === undefined) {
      return;
    }
    try {
      options.onSpans(spans);
    } catch (error) {
      // The export itself succeeded, so the sender still gets success.
      logger.error(
        `onSpans callback failed for ${spans.length} spans from ${peer}: ${errorMessage(error)}`,
      );
    }
  };
}

function listenHttp(
  server: HttpServer,
  host: string,
  port: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeHttp(server: HttpServer): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Exporters keep connections alive, and close() waits for them to end.
    server.closeAllConnections();
  });
}

function toUrl(host: string, port: number): string {
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return `http://${urlHost}:${port}`;
}
