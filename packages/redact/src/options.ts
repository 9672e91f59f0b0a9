import { DEFAULT_SENSITIVE_HEADERS, DEFAULT_SENSITIVE_KEYS } from './defaults';
import type { Detector } from './detectors/detector';
import {
  allDetectors,
  BUILT_IN_DETECTORS,
  selectDetectors,
} from './detectors/registry';
import { KeyRules } from './key-rules';
import type { RedactorOptions } from './types';

/** Options merged with the defaults, in the form the redactors use. */
export interface ResolvedOptions {
  readonly sensitiveHeaders: ReadonlySet<string>;
  readonly keys: KeyRules;
  readonly detectors: readonly Detector[];
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Merges options with the defaults, skipping entries of the wrong type (see {@link validateRedactorOptions}). */
export function resolveOptions(
  options: RedactorOptions | undefined,
): ResolvedOptions {
  const given: Partial<Record<keyof RedactorOptions, unknown>> =
    typeof options === 'object' && options !== null ? options : {};
  const headers = listOf(given.sensitiveHeaders)
    .filter(isNonEmptyString)
    .map((name) => name.trim().toLowerCase());
  const keys = listOf(given.sensitiveKeys);
  const detectorNames = Array.isArray(given.detectors)
    ? listOf(given.detectors).filter(isNonEmptyString)
    : undefined;
  return {
    sensitiveHeaders: new Set([...DEFAULT_SENSITIVE_HEADERS, ...headers]),
    keys: new KeyRules(
      [...DEFAULT_SENSITIVE_KEYS, ...keys.filter(isNonEmptyString)],
      keys.filter((key): key is RegExp => key instanceof RegExp),
    ),
    detectors:
      detectorNames === undefined
        ? allDetectors()
        : selectDetectors(detectorNames),
  };
}

function checkStringList(
  name: string,
  value: unknown,
  allowRegExp: boolean,
): string[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    return [`${name} must be an array, got ${typeof value}; it is ignored.`];
  }
  const expected = allowRegExp
    ? 'a non-empty string or a RegExp'
    : 'a non-empty string';
  return (value as unknown[]).flatMap((entry, index) =>
    isNonEmptyString(entry) || (allowRegExp && entry instanceof RegExp)
      ? []
      : [`${name}[${index}] must be ${expected}; it is ignored.`],
  );
}

/**
 * Lists the problems in a Redactor options object, one message each, so a
 * caller can log them; the Redactor itself ignores invalid entries.
 */
export function validateRedactorOptions(options: unknown): string[] {
  if (options === undefined) {
    return [];
  }
  if (typeof options !== 'object' || options === null) {
    return ['Redactor options must be an object; the defaults are used.'];
  }
  const given = options as Record<string, unknown>;
  const problems = [
    ...checkStringList('sensitiveHeaders', given.sensitiveHeaders, false),
    ...checkStringList('sensitiveKeys', given.sensitiveKeys, true),
    ...checkStringList('detectors', given.detectors, false),
  ];
  const known = new Set(BUILT_IN_DETECTORS);
  for (const name of listOf(given.detectors)) {
    if (isNonEmptyString(name) && !known.has(name)) {
      problems.push(
        `detectors contains unknown detector "${name}"; known detectors: ${BUILT_IN_DETECTORS.join(', ')}.`,
      );
    }
  }
  return problems;
}
