'use strict';
// Preload for the "plain OpenTelemetry" variant: the Node SDK with the http,
// express, graphql and grpc instrumentations, exporting spans in batches over
// OTLP http/protobuf, and no metrics or logs.
// node --require ./bench/otel-plain.js app.cjs
const { NodeSDK } = require('@opentelemetry/sdk-node');
const {
  OTLPTraceExporter,
} = require('@opentelemetry/exporter-trace-otlp-proto');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const {
  ExpressInstrumentation,
} = require('@opentelemetry/instrumentation-express');
const {
  GraphQLInstrumentation,
} = require('@opentelemetry/instrumentation-graphql');
const { GrpcInstrumentation } = require('@opentelemetry/instrumentation-grpc');

// The exporter would fall back to http://localhost:4318, a port that no
// benchmark receiver listens on, so a missing endpoint stops the app instead.
if (!process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
  console.error(
    'otel-plain.js: OTEL_EXPORTER_OTLP_ENDPOINT is missing; set it to the URL of a receiver you started',
  );
  process.exit(2);
}
// sdk-node reads these when it starts, and "none" keeps it to traces.
process.env.OTEL_METRICS_EXPORTER = 'none';
process.env.OTEL_LOGS_EXPORTER = 'none';

const sdk = new NodeSDK({
  spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  instrumentations: [
    new HttpInstrumentation(),
    new ExpressInstrumentation(),
    new GraphQLInstrumentation(),
    new GrpcInstrumentation(),
  ],
});
sdk.start();
