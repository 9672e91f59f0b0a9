// Plain objects that the generated `toObject` returns when called with
// `{ longs: String }`. In them, 64-bit integers are decimal strings, bytes are
// Uint8Arrays and enums are numbers. Fields that the sender left unset are
// absent.

/** OTLP `AnyValue`, a oneof of which at most one field is set. */
export interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  doubleValue?: number;
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: OtlpKeyValue[] };
  bytesValue?: Uint8Array;
}

/** OTLP `KeyValue`, one attribute. */
export interface OtlpKeyValue {
  key?: string;
  value?: OtlpAnyValue;
}

/** OTLP `Span.Event`. */
export interface OtlpEvent {
  timeUnixNano?: string;
  name?: string;
  attributes?: OtlpKeyValue[];
}

/** OTLP `Span.Link`. */
export interface OtlpLink {
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  traceState?: string;
  attributes?: OtlpKeyValue[];
}

/** OTLP `Span`. */
export interface OtlpSpan {
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  traceState?: string;
  parentSpanId?: Uint8Array;
  name?: string;
  kind?: number;
  startTimeUnixNano?: string;
  endTimeUnixNano?: string;
  attributes?: OtlpKeyValue[];
  events?: OtlpEvent[];
  links?: OtlpLink[];
  status?: { message?: string; code?: number };
}

/** OTLP `ScopeSpans`, the spans of one instrumentation scope. */
export interface OtlpScopeSpans {
  scope?: { name?: string; version?: string };
  spans?: OtlpSpan[];
}

/** OTLP `ResourceSpans`, the spans of one resource. */
export interface OtlpResourceSpans {
  resource?: { attributes?: OtlpKeyValue[] };
  scopeSpans?: OtlpScopeSpans[];
}

/** OTLP `ExportTraceServiceRequest` as a plain object. */
export interface OtlpExportRequest {
  resourceSpans?: OtlpResourceSpans[];
}
