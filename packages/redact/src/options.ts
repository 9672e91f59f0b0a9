import type { ActionSettings } from './actions';
import {
  ACTIONS,
  DEFAULT_HASH_LENGTH,
  DEFAULT_PARTIAL_LENGTH,
  MIN_HASH_KEY_BYTES,
} from './actions';
import { compileCustomDetectors } from './custom-detectors';
import { DEFAULT_SENSITIVE_HEADERS, DEFAULT_SENSITIVE_KEYS } from './defaults';
import { DetectorSet } from './detector-set';
import type { NationalPlan } from './detectors/national-plan';
import { nationalPlans } from './detectors/national-plan';
import { BUILT_IN_DETECTORS, buildDetectors } from './detectors/registry';
import type { KeyPattern } from './key-rules';
import { KeyRules } from './key-rules';
import { checkPatternSafety } from './pattern-safety';
import type { RedactionAction, RedactorOptions } from './types';

/** Options merged with the defaults, in the form the redactors use. */
export interface ResolvedOptions {
  readonly sensitiveHeaders: ReadonlySet<string>;
  readonly keys: KeyRules;
  readonly detectors: DetectorSet;
  readonly actions: ActionSettings;
  readonly graphqlLiterals: 'sensitive' | 'all';
  /** One message per option entry that was ignored or replaced by a default. */
  readonly problems: readonly string[];
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
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

function resolveDetectorNames(
  value: unknown,
  problems: string[],
): string[] | undefined {
  problems.push(...checkStringList('detectors', value, false));
  if (!Array.isArray(value)) {
    return undefined;
  }
  const names = listOf(value).filter(isNonEmptyString);
  const known = new Set(BUILT_IN_DETECTORS);
  for (const name of names) {
    if (!known.has(name)) {
      problems.push(
        `detectors contains unknown detector "${name}"; known detectors: ${BUILT_IN_DETECTORS.join(', ')}.`,
      );
    }
  }
  return names;
}

function resolvePhoneRegions(
  value: unknown,
  problems: string[],
): NationalPlan[] {
  problems.push(...checkStringList('phoneRegions', value, false));
  const plans = new Map<string, NationalPlan>();
  for (const region of listOf(value).filter(isNonEmptyString)) {
    const found = nationalPlans(region.trim());
    if (found === undefined) {
      problems.push(
        `phoneRegions contains "${region}", which is not an ISO 3166 country code with a national dialling prefix; it is ignored.`,
      );
    }
    for (const plan of found ?? []) {
      plans.set(plan.country, plan);
    }
  }
  return [...plans.values()];
}

function resolveKeyPatterns(value: unknown, problems: string[]): KeyPattern[] {
  const patterns: KeyPattern[] = [];
  listOf(value).forEach((entry, index) => {
    if (!(entry instanceof RegExp)) {
      return;
    }
    const unsafe = checkPatternSafety(entry, `sensitiveKeys[${index}]`);
    if (unsafe === undefined) {
      patterns.push({ pattern: entry, type: undefined });
    } else {
      problems.push(unsafe);
    }
  });
  return patterns;
}

function resolveActions(
  value: unknown,
  problems: string[],
): Map<string, RedactionAction> {
  const actions = new Map<string, RedactionAction>();
  if (value === undefined) {
    return actions;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(
      'actions must be an object of type names to actions; it is ignored.',
    );
    return actions;
  }
  for (const [type, action] of Object.entries(
    value as Record<string, unknown>,
  )) {
    if (ACTIONS.includes(action as RedactionAction)) {
      actions.set(type.toLowerCase(), action as RedactionAction);
    } else {
      problems.push(
        `actions.${type} must be one of ${ACTIONS.join(', ')}; the default action is used.`,
      );
    }
  }
  return actions;
}

function resolveHashKey(
  value: unknown,
  problems: string[],
): Buffer | undefined {
  if (value === undefined) {
    return undefined;
  }
  const key =
    typeof value === 'string'
      ? Buffer.from(value, 'utf8')
      : value instanceof Uint8Array
        ? Buffer.from(value)
        : undefined;
  if (key === undefined || key.length < MIN_HASH_KEY_BYTES) {
    problems.push(
      `hashKey must be a string or bytes of at least ${MIN_HASH_KEY_BYTES} bytes; values with the hash action are masked instead.`,
    );
    return undefined;
  }
  return key;
}

function resolveInteger(
  name: string,
  value: unknown,
  range: [number, number, number],
  problems: string[],
): number {
  const [min, max, fallback] = range;
  if (value === undefined) {
    return fallback;
  }
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= min &&
    value <= max
  ) {
    return value;
  }
  problems.push(
    `${name} must be an integer from ${min} to ${max}; ${fallback} is used.`,
  );
  return fallback;
}

function checkHashWithoutKey(
  actions: ReadonlyMap<string, RedactionAction>,
  hashKey: Buffer | undefined,
  problems: string[],
): void {
  if (hashKey !== undefined) {
    return;
  }
  for (const [type, action] of actions) {
    if (action === 'hash') {
      problems.push(
        `${type} uses the hash action but hashKey is not set; its values are masked instead.`,
      );
    }
  }
}

function resolveGraphqlLiterals(
  value: unknown,
  problems: string[],
): 'sensitive' | 'all' {
  if (value === undefined || value === 'sensitive' || value === 'all') {
    return value ?? 'sensitive';
  }
  problems.push(
    'graphqlLiterals must be "sensitive" or "all"; "sensitive" is used.',
  );
  return 'sensitive';
}

/** Merges options with the defaults, skipping invalid entries and listing each in `problems`. */
export function resolveOptions(
  options: RedactorOptions | undefined,
): ResolvedOptions {
  const problems: string[] = [];
  if (
    options !== undefined &&
    (typeof options !== 'object' || options === null)
  ) {
    problems.push('Redactor options must be an object; the defaults are used.');
  }
  const given: Partial<Record<keyof RedactorOptions, unknown>> =
    typeof options === 'object' && options !== null ? options : {};
  problems.push(
    ...checkStringList('sensitiveHeaders', given.sensitiveHeaders, false),
  );
  problems.push(...checkStringList('sensitiveKeys', given.sensitiveKeys, true));
  const headers = listOf(given.sensitiveHeaders)
    .filter(isNonEmptyString)
    .map((name) => name.trim().toLowerCase());
  const custom = compileCustomDetectors(given.customDetectors);
  const keys = new KeyRules(
    [
      ...DEFAULT_SENSITIVE_KEYS,
      ...listOf(given.sensitiveKeys).filter(isNonEmptyString),
    ],
    [
      ...custom.keyPatterns,
      ...resolveKeyPatterns(given.sensitiveKeys, problems),
    ],
  );
  const names = resolveDetectorNames(given.detectors, problems);
  const phonePlans = resolvePhoneRegions(given.phoneRegions, problems);
  problems.push(...custom.problems);
  const actions = new Map([
    ...custom.actions,
    ...resolveActions(given.actions, problems),
  ]);
  const hashKey = resolveHashKey(given.hashKey, problems);
  checkHashWithoutKey(actions, hashKey, problems);
  return {
    sensitiveHeaders: new Set([...DEFAULT_SENSITIVE_HEADERS, ...headers]),
    keys,
    detectors: new DetectorSet([
      ...buildDetectors(names, keys, phonePlans),
      ...custom.valueDetectors,
    ]),
    actions: {
      actions,
      hashKey,
      hashLength: resolveInteger(
        'hashLength',
        given.hashLength,
        [8, 64, DEFAULT_HASH_LENGTH],
        problems,
      ),
      partialLength: resolveInteger(
        'partialLength',
        given.partialLength,
        [1, 8, DEFAULT_PARTIAL_LENGTH],
        problems,
      ),
    },
    graphqlLiterals: resolveGraphqlLiterals(given.graphqlLiterals, problems),
    problems,
  };
}

/**
 * Lists the problems in a Redactor options object, one message each, so a
 * caller can log them; the Redactor itself ignores invalid entries.
 */
export function validateRedactorOptions(options: unknown): string[] {
  try {
    return [...resolveOptions(options as RedactorOptions | undefined).problems];
  } catch (error) {
    return [
      `Redactor options could not be read (${error instanceof Error ? error.message : String(error)}); the defaults are used.`,
    ];
  }
}
