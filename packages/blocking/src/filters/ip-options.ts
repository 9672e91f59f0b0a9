import type { FilterMode } from '../types';
import { parseRange } from './cidr-set';
import type { ValidationResult } from './validation';
import {
  checkKnownKeys,
  readMode,
  readObject,
  readStringList,
  showValue,
} from './validation';

/** Options of the IP filter (`blocking.ip`). */
export interface IpFilterOptions {
  /** `off` (default), `monitor` (record only) or `block`. */
  readonly mode: FilterMode;
  /**
   * Addresses and CIDR ranges, IPv4 or IPv6, that are always blocked. Deny
   * wins over allow.
   */
  readonly deny: readonly string[];
  /**
   * Addresses and CIDR ranges that may pass. When the list is not empty,
   * every other client is blocked.
   */
  readonly allow: readonly string[];
}

export const DEFAULT_IP_FILTER_OPTIONS: IpFilterOptions = {
  mode: 'off',
  deny: [],
  allow: [],
};

const KNOWN_KEYS = ['mode', 'deny', 'allow'];

function readRanges(
  value: unknown,
  field: string,
  problems: string[],
): string[] {
  return readStringList(value, field, problems).filter((entry) => {
    if (parseRange(entry) !== undefined) return true;
    problems.push(
      `${field} contains ${showValue(entry)}, which is not an IPv4 or IPv6 address or CIDR range (such as 203.0.113.7, 10.0.0.0/8 or 2001:db8::/32); it is ignored.`,
    );
    return false;
  });
}

/**
 * Validates raw `blocking.ip` configuration. Invalid parts are dropped with
 * one message each in `problems`; nothing throws.
 */
export function validateIpFilterOptions(
  raw: unknown,
  field = 'blocking.ip',
): ValidationResult<IpFilterOptions> {
  const problems: string[] = [];
  const object = readObject(raw, field, problems);
  checkKnownKeys(object, KNOWN_KEYS, field, problems);
  const options: IpFilterOptions = {
    mode: readMode(object.mode, `${field}.mode`, problems),
    deny: readRanges(object.deny, `${field}.deny`, problems),
    allow: readRanges(object.allow, `${field}.allow`, problems),
  };
  return { options, problems };
}
