import type { FilterMode } from '../types';

/** Options after validation, with one message per invalid part dropped. */
export interface ValidationResult<T> {
  readonly options: T;
  readonly problems: string[];
}

const MODES: readonly FilterMode[] = ['off', 'monitor', 'block'];
const MAX_SHOWN_CHARS = 80;

/**
 * Renders a configuration value for a problem message in bounded length.
 * Never throws, even for objects with throwing getters.
 */
export function showValue(value: unknown): string {
  try {
    if (typeof value === 'string') return showString(value);
    if (value === undefined) return 'undefined';
    if (typeof value === 'function') return 'a function';
    if (typeof value === 'symbol' || typeof value === 'bigint') {
      return `a ${typeof value}`;
    }
    const text = JSON.stringify(value) ?? 'a value';
    return text.length <= MAX_SHOWN_CHARS
      ? text
      : `${text.slice(0, MAX_SHOWN_CHARS)}… (${text.length} characters)`;
  } catch {
    return Array.isArray(value) ? 'an array' : 'an object';
  }
}

function showString(text: string): string {
  if (text.length <= MAX_SHOWN_CHARS) return JSON.stringify(text);
  const head = JSON.stringify(text.slice(0, MAX_SHOWN_CHARS));
  return `${head}… (${text.length} characters)`;
}

export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads an options object. `undefined` and `null` mean "not configured" and
 * give an empty object without a problem.
 */
export function readObject(
  raw: unknown,
  field: string,
  problems: string[],
): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (isPlainObject(raw)) return raw;
  problems.push(
    `${field} must be an object, got ${showValue(raw)}; the defaults are used.`,
  );
  return {};
}

/** Reports keys of `object` that are not in `known`. */
export function checkKnownKeys(
  object: Record<string, unknown>,
  known: readonly string[],
  field: string,
  problems: string[],
): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) {
      problems.push(
        `${field}.${key} is not a known option; known options: ${known.join(', ')}. It is ignored.`,
      );
    }
  }
}

/**
 * Reads `mode`, which is `off` unless configured. A mode given but not
 * understood runs the filter in `monitor` mode: a typo must not block
 * traffic unintentionally, and must not hide what the filter would match.
 */
export function readMode(
  value: unknown,
  field: string,
  problems: string[],
): FilterMode {
  if (value === undefined) return 'off';
  if (MODES.includes(value as FilterMode)) return value as FilterMode;
  problems.push(
    `${field} must be one of ${MODES.join(', ')}, got ${showValue(value)}; the filter runs in monitor mode.`,
  );
  return 'monitor';
}

/**
 * Reads a list of non-empty strings, given as an array or as one
 * comma-separated string (the form environment variables take). Invalid
 * entries are dropped with a problem each.
 */
export function readStringList(
  value: unknown,
  field: string,
  problems: string[],
): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
  }
  if (!Array.isArray(value)) {
    problems.push(
      `${field} must be a list of strings, got ${showValue(value)}; it is ignored.`,
    );
    return [];
  }
  const list: string[] = [];
  (value as unknown[]).forEach((entry, index) => {
    if (typeof entry === 'string' && entry.trim() !== '') {
      list.push(entry.trim());
    } else {
      problems.push(
        `${field}[${index}] must be a non-empty string, got ${showValue(entry)}; it is ignored.`,
      );
    }
  });
  return list;
}

/** Reads a number within `[min, max]`, or returns `fallback` with a problem. */
export function readNumber(
  value: unknown,
  field: string,
  range: { min: number; max: number; integer?: boolean },
  fallback: number | undefined,
  problems: string[],
): number | undefined {
  if (value === undefined) return fallback;
  const number = typeof value === 'string' ? Number(value) : value;
  const valid =
    typeof number === 'number' &&
    Number.isFinite(number) &&
    number >= range.min &&
    number <= range.max &&
    (range.integer !== true || Number.isInteger(number));
  if (valid) return number;
  const kind = range.integer === true ? 'an integer' : 'a number';
  const usedInstead =
    fallback === undefined ? 'it is ignored' : `${fallback} is used`;
  problems.push(
    `${field} must be ${kind} from ${range.min} to ${range.max}, got ${showValue(value)}; ${usedInstead}.`,
  );
  return fallback;
}

/** Reads upper-case HTTP method names; an empty result means "any method". */
export function readMethods(
  value: unknown,
  field: string,
  problems: string[],
): string[] {
  const methods: string[] = [];
  for (const entry of readStringList(value, field, problems)) {
    if (/^[A-Za-z]{1,20}$/.test(entry)) {
      methods.push(entry.toUpperCase());
    } else {
      problems.push(
        `${field} contains ${showValue(entry)}, which is not an HTTP method name such as GET or POST; it is ignored.`,
      );
    }
  }
  return methods;
}
