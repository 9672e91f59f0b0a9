import type { OtlpAnyValue, OtlpKeyValue } from './otlp-types';
import type { AttributeValue, Attributes } from './received-span';

/**
 * Unwraps an OTLP `AnyValue` into a plain value.
 *
 * Integers become numbers when they fit in a safe integer and stay decimal
 * strings otherwise. Bytes become base64 strings, and an empty value is null.
 */
export function unwrapAnyValue(
  value: OtlpAnyValue | undefined,
): AttributeValue {
  if (value === undefined) {
    return null;
  }
  if (value.stringValue !== undefined) {
    return value.stringValue;
  }
  if (value.boolValue !== undefined) {
    return value.boolValue;
  }
  if (value.intValue !== undefined) {
    return toSafeNumber(value.intValue);
  }
  if (value.doubleValue !== undefined) {
    return value.doubleValue;
  }
  if (value.arrayValue !== undefined) {
    return (value.arrayValue.values ?? []).map(unwrapAnyValue);
  }
  if (value.kvlistValue !== undefined) {
    return toAttributes(value.kvlistValue.values);
  }
  if (value.bytesValue !== undefined) {
    return Buffer.from(value.bytesValue).toString('base64');
  }
  return null;
}

/** Converts OTLP key-value pairs into a record, where a repeated key keeps its last value. */
export function toAttributes(
  keyValues: OtlpKeyValue[] | undefined,
): Attributes {
  const entries = (keyValues ?? []).map(
    (keyValue): [string, AttributeValue] => [
      keyValue.key ?? '',
      unwrapAnyValue(keyValue.value),
    ],
  );
  // Object.fromEntries defines own properties, so a key such as "__proto__"
  // becomes an ordinary attribute instead of replacing the prototype.
  return Object.fromEntries(entries);
}

function toSafeNumber(decimal: string): number | string {
  const value = Number(decimal);
  return Number.isSafeInteger(value) ? value : decimal;
}
