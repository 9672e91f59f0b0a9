import type { InspectLimits } from './types';

/**
 * Bounds on the work of one inspection. Input past a bound is not
 * inspected, so an attack placed beyond it is missed: see the package
 * README for the trade-off.
 */

/** Characters of one value that are inspected; the rest is ignored. */
export const MAX_VALUE_CHARS = 8192;

/** Values (strings and keys) inspected per request. */
export const MAX_VALUES = 1000;

/** Characters inspected per request, summed over all values. */
export const MAX_TOTAL_CHARS = 256 * 1024;

/** Nesting depth of the parsed body that is walked. */
export const MAX_DEPTH = 32;

/** Rounds of percent-decoding applied on top of the value as given. */
export const MAX_DECODE_ROUNDS = 2;

/** The limits that apply when options set none. */
export const DEFAULT_LIMITS: Readonly<InspectLimits> = {
  maxValueChars: MAX_VALUE_CHARS,
  maxValues: MAX_VALUES,
  maxTotalChars: MAX_TOTAL_CHARS,
  maxDepth: MAX_DEPTH,
};
