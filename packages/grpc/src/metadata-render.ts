import type { Attributes } from '@opentelemetry/api';
import type { FindingSink, Redactor } from '@tracegate/redact';
import type { MetadataLike } from './internal-types';
import { cutUtf8 } from './message-json';

/**
 * Writes one string-array attribute per metadata key, `<prefix><key>`, with
 * each value redacted by the header rules: `authorization`, `cookie`,
 * `x-api-key` and keys matching a sensitive key rule are masked whole.
 * Binary values (keys ending in `-bin`) are recorded as base64.
 */
export function renderMetadata(
  metadata: MetadataLike,
  prefix: string,
  redactor: Redactor,
  maxValueBytes: number,
  findings: FindingSink,
): Attributes {
  const attributes: Attributes = {};
  for (const [key, values] of Object.entries(metadata.toJSON())) {
    const name = key.toLowerCase();
    attributes[prefix + name] = values.map((value) =>
      redactor.header(name, valueText(value, maxValueBytes), findings),
    );
  }
  return attributes;
}

function valueText(value: unknown, maxBytes: number): string {
  if (Buffer.isBuffer(value)) {
    // Base64 writes 4 characters per 3 bytes.
    const prefix = value.subarray(0, Math.floor(maxBytes / 4) * 3);
    return prefix.toString('base64');
  }
  return cutUtf8(String(value), maxBytes);
}

/**
 * Adds `more` to `into`, appending values to a key already present: the
 * trailers of a call go to the same attributes as its headers.
 */
export function mergeMetadataAttributes(
  into: Attributes,
  more: Attributes,
): void {
  for (const [name, values] of Object.entries(more)) {
    const existing = into[name];
    into[name] = Array.isArray(existing)
      ? [...(existing as string[]), ...(values as string[])]
      : values;
  }
}

/** Tells whether a value is grpc-js `Metadata`, without importing grpc-js. */
export function isMetadata(value: unknown): value is MetadataLike {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.toJSON === 'function' &&
    typeof candidate.getMap === 'function' &&
    candidate.internalRepr instanceof Map
  );
}
