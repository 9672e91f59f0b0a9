import { toAttributes } from './any-value';
import type {
  OtlpEvent,
  OtlpExportRequest,
  OtlpLink,
  OtlpResourceSpans,
  OtlpScopeSpans,
  OtlpSpan,
} from './otlp-types';
import { SpanKind, StatusCode } from './protos';
import type {
  Attributes,
  ReceivedEvent,
  ReceivedLink,
  ReceivedSpan,
  Transport,
} from './received-span';

const SPAN_KIND_NAMES = invertEnum(SpanKind, 'SPAN_KIND_');
const STATUS_CODE_NAMES = invertEnum(StatusCode, 'STATUS_CODE_');

/** Flattens every span of an export request into a ReceivedSpan, in request order. */
export function flattenExportRequest(
  request: OtlpExportRequest,
  transport: Transport,
): ReceivedSpan[] {
  return (request.resourceSpans ?? []).flatMap((resourceSpans) =>
    flattenResourceSpans(resourceSpans, transport),
  );
}

function flattenResourceSpans(
  resourceSpans: OtlpResourceSpans,
  transport: Transport,
): ReceivedSpan[] {
  const resource = toAttributes(resourceSpans.resource?.attributes);
  return (resourceSpans.scopeSpans ?? []).flatMap((scopeSpans) =>
    flattenScopeSpans(scopeSpans, resource, transport),
  );
}

function flattenScopeSpans(
  scopeSpans: OtlpScopeSpans,
  resource: Attributes,
  transport: Transport,
): ReceivedSpan[] {
  const scope = {
    name: scopeSpans.scope?.name ?? '',
    version: scopeSpans.scope?.version ?? '',
  };
  return (scopeSpans.spans ?? []).map((span) => ({
    ...flattenSpan(span),
    resource,
    scope,
    transport,
  }));
}

function flattenSpan(
  span: OtlpSpan,
): Omit<ReceivedSpan, 'resource' | 'scope' | 'transport'> {
  return {
    traceId: toHex(span.traceId),
    spanId: toHex(span.spanId),
    parentSpanId: toHex(span.parentSpanId),
    name: span.name ?? '',
    kind: enumName(SPAN_KIND_NAMES, span.kind),
    startTimeUnixNano: span.startTimeUnixNano ?? '0',
    endTimeUnixNano: span.endTimeUnixNano ?? '0',
    attributes: toAttributes(span.attributes),
    events: (span.events ?? []).map(flattenEvent),
    links: (span.links ?? []).map(flattenLink),
    status: {
      code: enumName(STATUS_CODE_NAMES, span.status?.code),
      message: span.status?.message ?? '',
    },
  };
}

function flattenEvent(event: OtlpEvent): ReceivedEvent {
  return {
    name: event.name ?? '',
    timeUnixNano: event.timeUnixNano ?? '0',
    attributes: toAttributes(event.attributes),
  };
}

function flattenLink(link: OtlpLink): ReceivedLink {
  return {
    traceId: toHex(link.traceId),
    spanId: toHex(link.spanId),
    attributes: toAttributes(link.attributes),
  };
}

function toHex(bytes: Uint8Array | undefined): string {
  if (bytes === undefined) {
    return '';
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
    'hex',
  );
}

// Maps enum numbers to their names without the prefix, so that 2 in SpanKind
// becomes 'SERVER'.
function invertEnum(
  values: Record<string, number>,
  prefix: string,
): Map<number, string> {
  const names = new Map<number, string>();
  for (const [name, value] of Object.entries(values)) {
    names.set(
      value,
      name.startsWith(prefix) ? name.slice(prefix.length) : name,
    );
  }
  return names;
}

// An enum number that the protos do not define (OTLP enums are open) is
// reported as its decimal number so that it stays visible in assertions.
function enumName(
  names: Map<number, string>,
  value: number | undefined,
): string {
  const number = value ?? 0;
  return names.get(number) ?? String(number);
}
