import { z } from 'zod';
import { showString, showValue } from './show-value';
import type { ValueKind } from './value-kind';
import { fromZod } from './value-kind';

// Environment spellings of booleans. YAML and options take real booleans.
const ENV_BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['false', false],
  ['1', true],
  ['0', false],
  ['yes', true],
  ['no', false],
  ['on', true],
  ['off', false],
]);

const DECIMAL_DIGITS = /^\d+$/;

/**
 * Boolean switch, which environment variables may also spell 1/0, yes/no or
 * on/off.
 */
export const booleanKind: ValueKind<boolean> = {
  typeLabel: 'boolean',
  describeAccepted: (source) =>
    source === 'env'
      ? `one of ${[...ENV_BOOLEANS.keys()].join(', ')} (any case)`
      : 'true or false',
  parse: (raw) => fromZod(z.boolean().safeParse(raw)),
  fromEnv: (text) => ENV_BOOLEANS.get(text.toLowerCase()) ?? text,
  format: (value) => String(value),
};

/**
 * Creates the kind of a whole number within an inclusive range, written in
 * decimal digits only in the environment.
 */
export function integerKind(
  min: number,
  max: number,
  unit: string,
): ValueKind<number> {
  const schema = z.int().min(min).max(max);
  return {
    typeLabel: `integer, ${min} to ${max}`,
    describeAccepted: () => `an integer from ${min} to ${max} (${unit})`,
    parse: (raw) => fromZod(schema.safeParse(raw)),
    // Digits only, so "1e3", "0x10" and "12kb" are rejected, not half-read.
    fromEnv: (text) => (DECIMAL_DIGITS.test(text) ? Number(text) : text),
    format: (value) => String(value),
  };
}

/**
 * Creates the kind of one word from a fixed lower-case set, matched in any
 * case.
 */
export function enumKind<const T extends string>(
  values: readonly [T, ...T[]],
): ValueKind<T> {
  const schema = z.string().trim().toLowerCase().pipe(z.enum(values));
  return {
    typeLabel: `one of: ${values.join(', ')}`,
    describeAccepted: () => `one of ${values.join(', ')} (any case)`,
    parse: (raw) => fromZod(schema.safeParse(raw)),
    fromEnv: (text) => text,
    format: (value) => value,
  };
}

/** Free text that must contain something other than whitespace. */
export const textKind: ValueKind<string> = {
  typeLabel: 'string',
  describeAccepted: () => 'a non-empty string',
  parse: (raw) => fromZod(z.string().trim().min(1).safeParse(raw)),
  fromEnv: (text) => text,
  format: (value) => showString(value),
};

const httpUrlSchema = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/ }));

/**
 * Prints URL input as written, except its user info and query, which may
 * carry credentials: `https://user:pw@host/?key=k` becomes
 * `https://***@host/?***`. Works on text that is no valid URL as well.
 */
export function showUrlSafely(raw: string): string {
  const text = raw.trim();
  const queryStart = text.indexOf('?');
  let head = queryStart < 0 ? text : text.slice(0, queryStart);
  const query = queryStart < 0 ? '' : '?***';
  const at = head.lastIndexOf('@');
  if (at >= 0) {
    const slashes = head.indexOf('//');
    const from = slashes >= 0 && slashes < at ? slashes + 2 : 0;
    head = `${head.slice(0, from)}***${head.slice(at)}`;
  }
  return showString(head + query);
}

/** Absolute http or https URL. */
export const httpUrlKind: ValueKind<string> = {
  typeLabel: 'URL (http or https)',
  describeAccepted: () =>
    'an absolute http:// or https:// URL, for example http://127.0.0.1:4318',
  parse: (raw) => fromZod(httpUrlSchema.safeParse(raw)),
  fromEnv: (text) => text,
  format: showUrlSafely,
  showInput: (raw) =>
    typeof raw === 'string' ? showUrlSafely(raw) : showValue(raw),
};
