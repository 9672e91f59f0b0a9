import { checkPatternSafety } from '@tracegate/redact';
import type { RequestPath } from './request-path';
import { normalizeSegments } from './request-path';
import { showValue } from './validation';

/** A compiled `path` of a rule. */
export interface PathPattern {
  /** The pattern as configured, for verdict reasons and messages. */
  readonly source: string;
  matches(path: RequestPath): boolean;
}

const REGEX_PREFIX = 're:';
const MAX_PATTERN_CHARS = 1000;

/** Segments of a template: literal text, or `undefined` for a `:param`. */
type Segment = string | undefined;

function segmentPattern(source: string, caseSensitive: boolean): PathPattern {
  const prefix = source.endsWith('/*');
  const body = prefix ? source.slice(0, -2) : source;
  const segments: Segment[] = normalizeSegments(body).map((segment) => {
    if (segment.startsWith(':')) return undefined;
    return caseSensitive ? segment : segment.toLowerCase();
  });
  return {
    source,
    matches(path: RequestPath): boolean {
      const parts = path.segments(caseSensitive);
      if (parts.length < segments.length) return false;
      if (!prefix && parts.length !== segments.length) return false;
      return segments.every(
        (segment, index) => segment === undefined || segment === parts[index],
      );
    },
  };
}

function regexPattern(
  source: string,
  caseSensitive: boolean,
  field: string,
  problems: string[],
): PathPattern | undefined {
  let regex: RegExp;
  try {
    regex = new RegExp(
      source.slice(REGEX_PREFIX.length),
      caseSensitive ? '' : 'i',
    );
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    problems.push(
      `${field} ${showValue(source)} is not a valid regular expression (${detail}); the entry is ignored.`,
    );
    return undefined;
  }
  const unsafe = checkPatternSafety(regex, field);
  if (unsafe !== undefined) {
    problems.push(`${unsafe} The entry is ignored.`);
    return undefined;
  }
  return { source, matches: (path) => regex.test(path.text) };
}

/**
 * Compiles a configured path, which takes one of four forms. An exact path
 * is `/health`. A prefix ends in `/*` and also matches the path without it
 * (`/admin/*` matches `/admin`). A template has `:param` segments
 * (`/users/:id/keys`). A regular expression is written
 * `re:^/v[0-9]{1,3}/admin` and is rejected when it can backtrack
 * catastrophically. Literal paths are normalized like request paths. They
 * compare case-insensitively unless `caseSensitive` is set, because Express
 * routes case-insensitively by default.
 */
export function compilePathPattern(
  value: unknown,
  field: string,
  caseSensitive: boolean,
  problems: string[],
): PathPattern | undefined {
  if (typeof value !== 'string' || value.length > MAX_PATTERN_CHARS) {
    problems.push(
      `${field} must be a string of at most ${MAX_PATTERN_CHARS} characters, got ${showValue(value)}; the entry is ignored.`,
    );
    return undefined;
  }
  if (value.startsWith(REGEX_PREFIX)) {
    return regexPattern(value, caseSensitive, field, problems);
  }
  if (!value.startsWith('/')) {
    problems.push(
      `${field} must start with "/" (an exact path, a prefix ending in "/*" or a ":param" template) or with "re:" (a regular expression), got ${showValue(value)}; the entry is ignored.`,
    );
    return undefined;
  }
  return segmentPattern(value, caseSensitive);
}
