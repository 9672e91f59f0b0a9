import type {
  AttributeValue,
  Attributes,
  ReceivedEvent,
  ReceivedSpan,
} from './received-span';

/** Default maximum length in characters of one printed attribute value. */
export const DEFAULT_MAX_VALUE_CHARS = 300;

/** Options of formatSpan. */
export interface FormatSpanOptions {
  /** Maximum length in characters of one printed value. Longer values are cut. */
  maxValueChars?: number;
}

/**
 * Formats a span as readable multi-line text.
 *
 * The first line contains the service name, kind, name, status and duration.
 * Then come the ids, the scope and transport, and every attribute and event
 * attribute on a line of its own.
 */
export function formatSpan(
  span: ReceivedSpan,
  options: FormatSpanOptions = {},
): string {
  const maxChars = options.maxValueChars ?? DEFAULT_MAX_VALUE_CHARS;
  const service = span.resource['service.name'];
  const lines = [
    `[${typeof service === 'string' ? service : 'unknown service'}] ${span.kind} ${span.name} ${formatStatus(span)} ${formatDuration(span.startTimeUnixNano, span.endTimeUnixNano)}`,
    `  trace ${span.traceId} span ${span.spanId} parent ${span.parentSpanId || 'none'}`,
    `  scope ${span.scope.name || 'unnamed'} ${span.scope.version} via ${span.transport}`,
    ...formatAttributes(span.attributes, '  ', maxChars),
    ...span.events.flatMap((event) => formatEvent(event, span, maxChars)),
  ];
  return lines.join('\n');
}

/**
 * Formats one value as JSON, cut to maxChars characters.
 *
 * A cut string keeps its first maxChars characters and notes its full length.
 * Arrays and objects are cut in their JSON text.
 */
export function formatValue(value: AttributeValue, maxChars: number): string {
  if (typeof value === 'string') {
    if (value.length <= maxChars) {
      return JSON.stringify(value);
    }
    return `${JSON.stringify(value.slice(0, maxChars))}… (cut, ${value.length} characters in full)`;
  }
  const json = JSON.stringify(value);
  if (json.length <= maxChars) {
    return json;
  }
  return `${json.slice(0, maxChars)}… (cut, ${json.length} characters of JSON in full)`;
}

function formatStatus(span: ReceivedSpan): string {
  if (span.status.message === '') {
    return span.status.code;
  }
  return `${span.status.code} ${JSON.stringify(span.status.message)}`;
}

function formatDuration(startUnixNano: string, endUnixNano: string): string {
  // A time of 0 means that the sender left it unset.
  if (startUnixNano === '0' || endUnixNano === '0') {
    return 'duration unknown';
  }
  const nanos = nanosBetween(startUnixNano, endUnixNano);
  if (nanos === undefined || nanos < 0n) {
    return 'duration unknown';
  }
  return `${formatMillis(nanos)} ms`;
}

function formatEvent(
  event: ReceivedEvent,
  span: ReceivedSpan,
  maxChars: number,
): string[] {
  const offset = nanosBetween(span.startTimeUnixNano, event.timeUnixNano);
  const at = offset === undefined ? '' : ` at +${formatMillis(offset)} ms`;
  return [
    `  event ${event.name}${at}`,
    ...formatAttributes(event.attributes, '    ', maxChars),
  ];
}

function formatAttributes(
  attributes: Attributes,
  indent: string,
  maxChars: number,
): string[] {
  return Object.entries(attributes).map(
    ([key, value]) => `${indent}${key} = ${formatValue(value, maxChars)}`,
  );
}

function nanosBetween(
  fromUnixNano: string,
  toUnixNano: string,
): bigint | undefined {
  try {
    return BigInt(toUnixNano) - BigInt(fromUnixNano);
  } catch {
    return undefined;
  }
}

function formatMillis(nanos: bigint): string {
  return (Number(nanos) / 1e6).toFixed(3);
}
