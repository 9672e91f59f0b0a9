import generatedRoot from 'otlp-transformer-protos/build/src/generated/root.js';

/** Options of the generated `toObject` functions that this package uses. */
export interface ToObjectOptions {
  longs?: StringConstructor | NumberConstructor;
  enums?: StringConstructor;
}

/** Static functions that protobufjs generates for each OTLP message type. */
export interface GeneratedMessageType {
  create(properties?: object): object;
  decode(bytes: Uint8Array): object;
  encode(message: object): { finish(): Uint8Array };
  fromObject(object: object): object;
  toObject(message: object, options?: ToObjectOptions): object;
  verify(object: object): string | null;
}

interface GeneratedRoot {
  opentelemetry: {
    proto: {
      collector: {
        trace: {
          v1: {
            ExportTraceServiceRequest: GeneratedMessageType;
            ExportTraceServiceResponse: GeneratedMessageType;
          };
        };
      };
      trace: {
        v1: {
          Span: { SpanKind: Record<string, number> };
          Status: { StatusCode: Record<string, number> };
        };
      };
    };
  };
}

// The generated declaration types the root as a bare protobufjs Root, so this
// cast adds the members that the generated JavaScript defines.
const root = generatedRoot as unknown as GeneratedRoot;
const traceService = root.opentelemetry.proto.collector.trace.v1;
const traceTypes = root.opentelemetry.proto.trace.v1;

/** Generated type of the request that OTLP trace exporters send. */
export const ExportTraceServiceRequest = traceService.ExportTraceServiceRequest;

/** Generated type of the response to an OTLP trace export. */
export const ExportTraceServiceResponse =
  traceService.ExportTraceServiceResponse;

/** Generated `SpanKind` enum, mapping names such as SPAN_KIND_SERVER to numbers. */
export const SpanKind = traceTypes.Span.SpanKind;

/** Generated `StatusCode` enum, mapping names such as STATUS_CODE_ERROR to numbers. */
export const StatusCode = traceTypes.Status.StatusCode;
