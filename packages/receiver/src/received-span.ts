/** Attribute value with the OTLP `AnyValue` wrapper removed. */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | AttributeValue[]
  | { [key: string]: AttributeValue };

/** Attributes keyed by attribute name. */
export type Attributes = Record<string, AttributeValue>;

/** OTLP transport that delivered a span. */
export type Transport = 'http/protobuf' | 'http/json' | 'grpc';

/** Span event as received. */
export interface ReceivedEvent {
  name: string;
  /** Event time in nanoseconds since the Unix epoch, as a decimal string. */
  timeUnixNano: string;
  attributes: Attributes;
}

/** Span link as received. */
export interface ReceivedLink {
  traceId: string;
  spanId: string;
  attributes: Attributes;
}

/** Span decoded from an OTLP export and flattened for assertions. */
export interface ReceivedSpan {
  /** Trace id as lowercase hex, or '' when the sender left it empty. */
  traceId: string;
  spanId: string;
  /** Parent span id as lowercase hex, or '' for a root span. */
  parentSpanId: string;
  name: string;
  /** Span kind without the SPAN_KIND_ prefix, such as 'SERVER'. */
  kind: string;
  /** Start time in nanoseconds since the Unix epoch, as a decimal string. */
  startTimeUnixNano: string;
  /** End time in nanoseconds since the Unix epoch, as a decimal string. */
  endTimeUnixNano: string;
  attributes: Attributes;
  events: ReceivedEvent[];
  links: ReceivedLink[];
  /** Status code without the STATUS_CODE_ prefix ('UNSET', 'OK' or 'ERROR'). */
  status: { code: string; message: string };
  /** Attributes of the resource that produced the span. */
  resource: Attributes;
  /** Instrumentation scope, with '' for a missing name or version. */
  scope: { name: string; version: string };
  transport: Transport;
}
