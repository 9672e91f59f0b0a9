import { headerNameSchema, headerValueSchema } from './http-syntax';
import { showName, showValue } from './show-value';
import type { ParseResult, ValueKind } from './value-kind';

type HeaderMap = Record<string, string>;

const MAX_SHOWN_NAMES = 10;
const HIDDEN = 'values hidden because they may contain credentials';

function describeNames(names: readonly string[]): string {
  const shown = names.slice(0, MAX_SHOWN_NAMES).map(showName);
  if (names.length > MAX_SHOWN_NAMES) shown.push('…');
  return `header names [${shown.join(', ')}] (${HIDDEN})`;
}

/**
 * Parse failure of text in the OTEL_EXPORTER_OTLP_HEADERS format, with its
 * reason.
 */
class HeaderSyntaxError {
  constructor(readonly detail: string) {}
}

function parseHeaderMap(raw: unknown): ParseResult<HeaderMap> {
  if (raw instanceof HeaderSyntaxError)
    return { ok: false, detail: raw.detail };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false };
  }
  const headers = new Map<string, string>();
  for (const name of Object.keys(raw)) {
    const parsedName = headerNameSchema.safeParse(name);
    if (!parsedName.success) {
      return { ok: false, detail: `${showName(name)} is not a header name` };
    }
    const parsedValue = headerValueSchema.safeParse(
      (raw as Record<string, unknown>)[name],
    );
    if (!parsedValue.success) {
      const detail = `the value of ${showName(name)} is not a single-line string`;
      return { ok: false, detail };
    }
    headers.set(parsedName.data, parsedValue.data);
  }
  // fromEntries defines own properties, so no name can reach a prototype.
  return { ok: true, value: Object.fromEntries(headers) };
}

/**
 * Reads the OTEL_EXPORTER_OTLP_HEADERS format: `name=value` pairs separated
 * by commas, with percent-encoded values.
 */
function parseHeaderPairs(text: string): unknown {
  const pairs: Array<[string, string]> = [];
  const items = text.split(',');
  for (const [index, item] of items.entries()) {
    if (item.trim() === '') continue;
    const equals = item.indexOf('=');
    if (equals <= 0) {
      return new HeaderSyntaxError(`pair ${index + 1} is not name=value`);
    }
    try {
      const value = decodeURIComponent(item.slice(equals + 1).trim());
      pairs.push([item.slice(0, equals).trim(), value]);
    } catch {
      const detail = `the value of pair ${index + 1} is not valid percent-encoding`;
      return new HeaderSyntaxError(detail);
    }
  }
  return Object.fromEntries(pairs);
}

function namesInPairs(text: string): string[] {
  return text
    .split(',')
    .filter((item) => item.includes('='))
    .map((item) => item.slice(0, item.indexOf('=')).trim());
}

// Rejected input is printed as its header names only, never its values.
function showHeaderInput(raw: unknown): string {
  if (typeof raw === 'string') {
    const names = namesInPairs(raw);
    if (names.length > 0) return describeNames(names);
    return `a string of ${raw.length} characters (${HIDDEN})`;
  }
  if (Array.isArray(raw)) return `an array (${HIDDEN})`;
  if (typeof raw === 'object' && raw !== null) {
    return describeNames(Object.keys(raw));
  }
  return showValue(raw);
}

function mergeHeaderMaps(
  lower: HeaderMap | undefined,
  upper: HeaderMap,
): HeaderMap {
  const merged = new Map(Object.entries(lower ?? {}));
  for (const [name, value] of Object.entries(upper)) merged.set(name, value);
  return Object.fromEntries(merged);
}

/**
 * Map of header names to values, merged per name across layers and never
 * printed with its values.
 */
export const headerMapKind: ValueKind<HeaderMap> = {
  typeLabel: 'map of header name to value',
  describeAccepted: (source) =>
    source === 'env'
      ? 'comma-separated name=value pairs with percent-encoded values, as in OTEL_EXPORTER_OTLP_HEADERS'
      : 'a mapping of header names to single-line string values',
  parse: parseHeaderMap,
  fromEnv: parseHeaderPairs,
  format: (value) => describeNames(Object.keys(value)),
  showInput: showHeaderInput,
  merge: mergeHeaderMaps,
};
