import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { BlockingEngine } from '@tracegate/blocking';
import { BlockingHttpInstrumentation } from '@tracegate/blocking';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { TracegateExpressInstrumentation } from '@tracegate/express';
import { TracegateGraphqlInstrumentation } from '@tracegate/graphql';
import { TracegateGrpcInstrumentation } from '@tracegate/grpc';
import {
  TracegateHttpInstrumentation,
  TracegateUndiciInstrumentation,
} from '@tracegate/http';
import type { HttpCaptureOptions } from '@tracegate/http';
import { Redactor } from '@tracegate/redact';
import type { TracegateConfig } from './config';

/**
 * Builds the instrumentations the configuration enables. With a blocking
 * engine, the blocking instrumentation comes before the http one: both
 * patch `Server.prototype.emit`, and the one registered first ends up
 * innermost, inside the server span that instrumentation-http starts.
 */
export function createInstrumentations(
  config: TracegateConfig,
  redactor: Redactor,
  blocking?: BlockingEngine,
): Instrumentation[] {
  const capture: HttpCaptureOptions = { ...config.capture, redactor };
  const enabled = config.instrumentations;
  const instrumentations: Instrumentation[] = [];
  if (enabled.http && blocking !== undefined) {
    instrumentations.push(
      new BlockingHttpInstrumentation({
        engine: blocking,
        bodyStage: config.blocking.bodyStage,
        graphqlPaths: config.blocking.graphqlPaths,
      }),
    );
  }
  if (enabled.http) {
    instrumentations.push(new TracegateHttpInstrumentation({ capture }));
  }
  if (enabled.fetch) {
    instrumentations.push(new TracegateUndiciInstrumentation({ capture }));
  }
  // Express writes routes, code locations and parsed bodies onto the HTTP
  // server span, and the http capture redacts those bodies itself.
  if (enabled.express) {
    instrumentations.push(new TracegateExpressInstrumentation());
  }
  if (enabled.graphql) {
    instrumentations.push(
      new TracegateGraphqlInstrumentation({ capture: { redactor } }),
    );
  }
  // Tracegate's gRPC capture writes onto the spans that OpenTelemetry's
  // gRPC instrumentation creates, so both are installed together.
  if (enabled.grpc) {
    instrumentations.push(
      new TracegateGrpcInstrumentation({
        capture: { redactor },
        ...(blocking !== undefined && {
          blocking,
          blockingMaxBodyBytes: config.blocking.bodyStage.maxBytes,
          blockingOnLimit: config.blocking.bodyStage.onLimit,
        }),
      }),
      new GrpcInstrumentation(),
    );
  }
  return instrumentations;
}

/**
 * Builds the one redactor that every instrumentation and the last check share,
 * so its rules are compiled once. Entries it leaves out are in its `problems`.
 */
export function createRedactor(config: TracegateConfig): Redactor {
  const redaction = config.redaction;
  return new Redactor({
    sensitiveHeaders: redaction.sensitiveHeaders,
    sensitiveKeys: redaction.sensitiveKeys,
    detectors: redaction.builtInDetectors,
    phoneRegions: redaction.phoneRegions,
    customDetectors: redaction.detectors,
    actions: redaction.actions,
    hashKey: redaction.hashKey,
    hashLength: redaction.hashLength,
    partialLength: redaction.partialLength,
  });
}
