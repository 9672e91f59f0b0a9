import type { Attributes } from '@opentelemetry/api';
import type { FindingSink, Redactor } from '@tracegate/redact';
import type { Finding } from './unchanged-values';
import { UnchangedValues } from './unchanged-values';

/** Header names and values as Node, undici or a raw array provide them. */
export type HeaderEntries = Iterable<[name: string, value: unknown]>;

/**
 * Writes one attribute per header, `<prefix><lower-case name>`, with each
 * value redacted. Multi-valued headers become string arrays, as the
 * OpenTelemetry semantic conventions define for header attributes.
 */
export function renderHeaders(
  entries: HeaderEntries,
  prefix: string,
  redactor: Redactor,
  findings: FindingSink,
): Attributes {
  const unchanged = unchangedValuesOf(redactor);
  const attributes: Attributes = {};
  for (const [rawName, value] of entries) {
    const name = rawName.toLowerCase();
    const values: string[] = [];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      values.push(
        redactValue(redactor, unchanged, name, String(item), findings),
      );
    }
    if (values.length === 0) continue;
    const existing = attributes[prefix + name];
    attributes[prefix + name] = Array.isArray(existing)
      ? [...(existing as string[]), ...values]
      : values;
  }
  return attributes;
}

/** Header values each redactor returned unchanged, with their findings. */
const unchangedHeaderValues = new WeakMap<Redactor, UnchangedValues>();

function unchangedValuesOf(redactor: Redactor): UnchangedValues {
  let unchanged = unchangedHeaderValues.get(redactor);
  if (unchanged === undefined) {
    unchanged = new UnchangedValues();
    unchangedHeaderValues.set(redactor, unchanged);
  }
  return unchanged;
}

/** Redacts one header value, replaying the findings of a value seen unchanged before. */
function redactValue(
  redactor: Redactor,
  unchanged: UnchangedValues,
  name: string,
  value: string,
  findings: FindingSink,
): string {
  const known = unchanged.findingsOf(name, value);
  if (known !== undefined) {
    for (const finding of known) findings(finding);
    return value;
  }
  const reported: Finding[] = [];
  const redacted = redactor.header(name, value, (finding) => {
    reported.push(finding);
    findings(finding);
  });
  if (redacted === value) unchanged.remember(name, value, reported);
  return redacted;
}

/** Reads Node's header objects (`req.headers`, `res.getHeaders()`). */
export function objectEntries(headers: object | undefined): HeaderEntries {
  return headers === undefined || headers === null
    ? []
    : Object.entries(headers);
}

/**
 * Reads the header forms that `writeHead` and undici accept: an object, a
 * flat `[name, value, name, value]` array, or an array of pairs.
 */
export function flexibleEntries(headers: unknown): HeaderEntries {
  if (headers === undefined || headers === null) return [];
  if (!Array.isArray(headers)) return objectEntries(headers);
  const entries: Array<[string, unknown]> = [];
  if (headers.length > 0 && Array.isArray(headers[0])) {
    for (const pair of headers as unknown[][]) {
      entries.push([String(pair[0]), pair[1]]);
    }
    return entries;
  }
  for (let i = 0; i + 1 < headers.length; i += 2) {
    const value: unknown = headers[i + 1];
    entries.push([
      bufferText(headers[i]),
      Array.isArray(value) ? value.map(bufferText) : bufferText(value),
    ]);
  }
  return entries;
}

function bufferText(value: unknown): string {
  return Buffer.isBuffer(value) ? value.toString('latin1') : String(value);
}

/** Returns the value of a header by lower-case name, or undefined. */
export function findHeader(entries: HeaderEntries, name: string): unknown {
  for (const [key, value] of entries) {
    if (key.toLowerCase() === name) return value;
  }
  return undefined;
}
