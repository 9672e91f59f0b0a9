import type { FilterMode } from '../types';
import { compilePathPattern } from './path-pattern';
import type { ValidationResult } from './validation';
import {
  checkKnownKeys,
  isPlainObject,
  readMode,
  readMethods,
  readNumber,
  readObject,
  showValue,
} from './validation';

/** One method and path rule of `blocking.rules`. */
export interface PathRule {
  /** Recorded as the verdict's rule; default `rules[<index in the list>]`. */
  readonly name?: string;
  /** Upper-case methods the rule applies to; empty or absent: all. */
  readonly methods?: readonly string[];
  /**
   * An exact path, a prefix ending in `/*`, a `:param` template, or a
   * regular expression written `re:...`.
   */
  readonly path: string;
  /** `block` stops the request; `allow` ends the rule list for it. */
  readonly action: 'block' | 'allow';
  /** HTTP status of the block response; default 403. */
  readonly status?: number;
}

/** Options of the method and path rule filter (`blocking.rules`). */
export interface RuleFilterOptions {
  /** `off` (default), `monitor` (record only) or `block`. */
  readonly mode: FilterMode;
  /** Ordered rules; the first one that matches decides. */
  readonly rules: readonly PathRule[];
  /** Compare literal paths case-sensitively; default false. */
  readonly caseSensitive: boolean;
}

export const DEFAULT_RULE_FILTER_OPTIONS: RuleFilterOptions = {
  mode: 'off',
  rules: [],
  caseSensitive: false,
};

const KNOWN_KEYS = ['mode', 'rules', 'caseSensitive'];
const RULE_KEYS = ['name', 'methods', 'path', 'action', 'status'];
const ACTIONS = ['block', 'allow'];

function readCaseSensitive(
  value: unknown,
  field: string,
  problems: string[],
): boolean {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  problems.push(
    `${field} must be true or false, got ${showValue(value)}; false is used.`,
  );
  return false;
}

function readRule(
  raw: unknown,
  index: number,
  field: string,
  caseSensitive: boolean,
  problems: string[],
): PathRule | undefined {
  if (!isPlainObject(raw)) {
    problems.push(
      `${field} must be an object such as { path: "/admin/*", action: "block" }, got ${showValue(raw)}; it is ignored.`,
    );
    return undefined;
  }
  checkKnownKeys(raw, RULE_KEYS, field, problems);
  const before = problems.length;
  compilePathPattern(raw.path, `${field}.path`, caseSensitive, problems);
  if (!ACTIONS.includes(raw.action as string)) {
    problems.push(
      `${field}.action must be "block" or "allow", got ${showValue(raw.action)}; the rule is ignored.`,
    );
  }
  if (raw.name !== undefined && typeof raw.name !== 'string') {
    problems.push(
      `${field}.name must be a string, got ${showValue(raw.name)}; the rule is ignored.`,
    );
  }
  if (problems.length > before) return undefined;
  const status = readNumber(
    raw.status,
    `${field}.status`,
    { min: 400, max: 599, integer: true },
    undefined,
    problems,
  );
  const methods = readMethods(raw.methods, `${field}.methods`, problems);
  return {
    name: raw.name === undefined ? `rules[${index}]` : (raw.name as string),
    ...(methods.length === 0 ? {} : { methods }),
    path: raw.path as string,
    action: raw.action as PathRule['action'],
    ...(status === undefined ? {} : { status }),
  };
}

function readRules(
  value: unknown,
  field: string,
  caseSensitive: boolean,
  problems: string[],
): PathRule[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push(
      `${field} must be a list of rules, got ${showValue(value)}; it is ignored.`,
    );
    return [];
  }
  return (value as unknown[]).flatMap((entry, index) => {
    const rule = readRule(
      entry,
      index,
      `${field}[${index}]`,
      caseSensitive,
      problems,
    );
    return rule === undefined ? [] : [rule];
  });
}

/**
 * Validates raw `blocking.rules` configuration. A rule with an invalid path
 * or action is dropped whole, because a partial rule could block or allow
 * more than intended. An invalid status or method is dropped alone.
 */
export function validateRuleFilterOptions(
  raw: unknown,
  field = 'blocking.rules',
): ValidationResult<RuleFilterOptions> {
  const problems: string[] = [];
  if (Array.isArray(raw)) {
    problems.push(
      `${field} must be an object such as { mode: "block", rules: [...] }, got a list; a list has no mode, so the filter stays off.`,
    );
    return { options: DEFAULT_RULE_FILTER_OPTIONS, problems };
  }
  const object = readObject(raw, field, problems);
  checkKnownKeys(object, KNOWN_KEYS, field, problems);
  const caseSensitive = readCaseSensitive(
    object.caseSensitive,
    `${field}.caseSensitive`,
    problems,
  );
  const options: RuleFilterOptions = {
    mode: readMode(object.mode, `${field}.mode`, problems),
    rules: readRules(object.rules, `${field}.rules`, caseSensitive, problems),
    caseSensitive,
  };
  return { options, problems };
}
