import type * as GrpcExporterModule from '@opentelemetry/exporter-trace-otlp-grpc';
import type * as JsonExporterModule from '@opentelemetry/exporter-trace-otlp-http';
import type * as ProtobufExporterModule from '@opentelemetry/exporter-trace-otlp-proto';
import type * as GrpcModule from '@grpc/grpc-js';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TracegateConfig } from './config';

/** OTLP transport protocols the agent can export with. */
export type ExportProtocol = 'http/protobuf' | 'grpc' | 'http/json';

/**
 * Picks the protocol: the configuration, then the standard
 * OTEL_EXPORTER_OTLP_TRACES_PROTOCOL and OTEL_EXPORTER_OTLP_PROTOCOL
 * variables, then `http/protobuf`, the default of the OTLP specification.
 */
export function exportProtocol(
  config: TracegateConfig,
  env: NodeJS.ProcessEnv,
): ExportProtocol {
  const candidates = [
    config.export.protocol,
    env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL?.trim(),
    env.OTEL_EXPORTER_OTLP_PROTOCOL?.trim(),
  ];
  for (const candidate of candidates) {
    if (
      candidate === 'http/protobuf' ||
      candidate === 'grpc' ||
      candidate === 'http/json'
    ) {
      return candidate;
    }
  }
  return 'http/protobuf';
}

/**
 * Creates the OTLP trace exporter. Endpoint and headers come from the
 * configuration when set; otherwise each exporter reads the standard
 * OTEL_EXPORTER_OTLP_* variables itself.
 */
export function createExporter(
  config: TracegateConfig,
  env: NodeJS.ProcessEnv,
): SpanExporter {
  const protocol = exportProtocol(config, env);
  const { endpoint, headers } = config.export;
  // Exporters are loaded on demand, so an app that exports over HTTP never
  // loads grpc-js, and the modules load after the instrumentations are set.
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (protocol === 'grpc') {
    const { OTLPTraceExporter } =
      require('@opentelemetry/exporter-trace-otlp-grpc') as typeof GrpcExporterModule;
    return new OTLPTraceExporter({
      ...(endpoint !== undefined && { url: endpoint }),
      ...(headers !== undefined && { metadata: grpcMetadata(headers) }),
    });
  }
  const options = {
    ...(endpoint !== undefined && { url: signalUrl(endpoint) }),
    ...(headers !== undefined && { headers }),
  };
  if (protocol === 'http/json') {
    const { OTLPTraceExporter } =
      require('@opentelemetry/exporter-trace-otlp-http') as typeof JsonExporterModule;
    return new OTLPTraceExporter(options);
  }
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-proto') as typeof ProtobufExporterModule;
  return new OTLPTraceExporter(options);
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/**
 * Appends the traces path to a base endpoint, as the OTLP exporter
 * specification does for OTEL_EXPORTER_OTLP_ENDPOINT. An endpoint that
 * already ends in `/v1/traces` is kept as it is.
 */
export function signalUrl(endpoint: string): string {
  if (/\/v1\/traces\/?$/.test(endpoint)) return endpoint;
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

function grpcMetadata(headers: Record<string, string>) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Metadata } = require('@grpc/grpc-js') as typeof GrpcModule;
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(headers)) metadata.set(key, value);
  return metadata;
}
