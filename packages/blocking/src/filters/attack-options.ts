import type { FilterMode } from '../types';
import type { AttackFamily } from './attack-api';
import { ATTACK_FAMILIES } from './attack-api';
import { compilePathPattern } from './path-pattern';
import type { ValidationResult } from './validation';
import {
  checkKnownKeys,
  readMode,
  readObject,
  readStringList,
  showValue,
} from './validation';

/** Options of the attack filter (`blocking.attacks`). */
export interface AttackFilterOptions {
  /** `off` (default), `monitor` (record only) or `block`. */
  readonly mode: FilterMode;
  /** Families to detect; default all. */
  readonly families: readonly AttackFamily[];
  /**
   * Request paths not inspected (entries starting with `/` or `re:`, in the
   * syntax of path rules) and header names not inspected (other entries).
   */
  readonly exclude: readonly string[];
  /**
   * Outcome for a request whose inspection stopped at a detector limit
   * (value size, value count, total size, body depth) with no finding.
   * `allow` (default) lets it go. `block` stops it, so padding or deep
   * nesting cannot carry a payload past the filter.
   */
  readonly onLimit: 'allow' | 'block';
}

export const DEFAULT_ATTACK_FILTER_OPTIONS: AttackFilterOptions = {
  mode: 'off',
  families: ATTACK_FAMILIES,
  exclude: [],
  onLimit: 'allow',
};

const KNOWN_KEYS = ['mode', 'families', 'exclude', 'onLimit'];
// The token syntax of RFC 9110 field names.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;

/** True for an `exclude` entry that names paths rather than a header. */
export function isPathEntry(entry: string): boolean {
  return entry.startsWith('/') || entry.startsWith('re:');
}

function readFamilies(
  value: unknown,
  field: string,
  problems: string[],
): AttackFamily[] {
  if (value === undefined) return [...ATTACK_FAMILIES];
  const families = readStringList(value, field, problems).filter((entry) => {
    if (ATTACK_FAMILIES.includes(entry as AttackFamily)) return true;
    problems.push(
      `${field} contains ${showValue(entry)}, which is not an attack family; known families: ${ATTACK_FAMILIES.join(', ')}. It is ignored.`,
    );
    return false;
  }) as AttackFamily[];
  if (families.length > 0) return families;
  problems.push(`${field} names no known family; all families are detected.`);
  return [...ATTACK_FAMILIES];
}

function readExclude(
  value: unknown,
  field: string,
  problems: string[],
): string[] {
  return readStringList(value, field, problems).filter((entry) => {
    if (isPathEntry(entry)) {
      return compilePathPattern(entry, field, false, problems) !== undefined;
    }
    if (HEADER_NAME.test(entry)) return true;
    problems.push(
      `${field} contains ${showValue(entry)}, which is neither a path (starting with "/" or "re:") nor a header name; it is ignored.`,
    );
    return false;
  });
}

function readOnLimit(
  value: unknown,
  field: string,
  problems: string[],
): 'allow' | 'block' {
  if (value === undefined || value === 'allow' || value === 'block') {
    return value ?? 'allow';
  }
  problems.push(
    `${field} must be allow or block, got ${showValue(value)}; allow is used.`,
  );
  return 'allow';
}

/**
 * Validates raw `blocking.attacks` configuration. Invalid parts are dropped
 * with one message each; nothing throws.
 */
export function validateAttackFilterOptions(
  raw: unknown,
  field = 'blocking.attacks',
): ValidationResult<AttackFilterOptions> {
  const problems: string[] = [];
  const object = readObject(raw, field, problems);
  checkKnownKeys(object, KNOWN_KEYS, field, problems);
  const options: AttackFilterOptions = {
    mode: readMode(object.mode, `${field}.mode`, problems),
    families: readFamilies(object.families, `${field}.families`, problems),
    exclude: readExclude(object.exclude, `${field}.exclude`, problems),
    onLimit: readOnLimit(object.onLimit, `${field}.onLimit`, problems),
  };
  return { options, problems };
}
