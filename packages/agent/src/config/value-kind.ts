import type { ZodSafeParseResult } from 'zod';
import type { ConfigSource } from './types';

/** Outcome of checking one input value against a value kind. */
export type ParseResult<T> =
  { ok: true; value: T } | { ok: false; detail?: string };

/**
 * Type of a configuration value: how it is checked, read from an environment
 * variable, merged over a lower layer and printed in messages and docs.
 */
export interface ValueKind<T> {
  /** Type as the docs name it, for example `integer, 0 to 16777216`. */
  readonly typeLabel: string;
  /** Describes the accepted input for a problem message, per source. */
  describeAccepted(source: ConfigSource): string;
  /** Checks a typed value from the YAML file or from options. */
  parse(raw: unknown): ParseResult<T>;
  /**
   * Converts an environment string into the typed input that `parse` checks.
   */
  fromEnv(text: string): unknown;
  /** Prints a valid value, leaving out anything secret. */
  format(value: T): string;
  /** Prints rejected input, leaving out anything secret. */
  showInput?(raw: unknown): string;
  /**
   * Combines a new value with the lower layer's value. Kinds without it replace
   * the lower value.
   */
  merge?(lower: T | undefined, upper: T): T;
}

/**
 * Converts a zod result into a parse result, keeping the first issue as detail.
 */
export function fromZod<T>(
  result: ZodSafeParseResult<T>,
  describeIssue?: (path: readonly PropertyKey[]) => string | undefined,
): ParseResult<T> {
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const detail = issue ? describeIssue?.(issue.path) : undefined;
  return detail === undefined ? { ok: false } : { ok: false, detail };
}
