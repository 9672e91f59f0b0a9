/** Attack families that the detectors classify. */
export type AttackFamily =
  | 'sqli'
  | 'xss'
  | 'path_traversal'
  | 'command_injection'
  | 'ssrf'
  | 'nosql_injection'
  | 'prototype_pollution';

/** The parts of a request that the detector inspects. */
export interface AttackInput {
  /** The URL path, percent-decoded once. */
  path: string;
  query: Record<string, string | readonly string[]>;
  /** Header values as Node gives them, with lower-case names. */
  headers: Record<string, string | readonly string[] | undefined>;
  cookies: Record<string, string>;
  /** The parsed body: a JSON value or form fields as an object. */
  body?: unknown;
  /** The raw body text, inspected when `body` is undefined. */
  bodyText?: string;
}

/** Bounds on the work of one request inspection. */
export interface InspectLimits {
  /** Characters of one value that are inspected; default 8192. */
  maxValueChars: number;
  /** Values (strings and keys) inspected per request; default 1000. */
  maxValues: number;
  /** Characters inspected per request, summed over values; default 256 KiB. */
  maxTotalChars: number;
  /** Nesting depth of the parsed body that is walked; default 32. */
  maxDepth: number;
}

/** Names of the limits in `InspectResult.limitsReached`. */
export type InspectLimitName = keyof InspectLimits;

/** Options of one inspection. */
export interface InspectOptions {
  /** The families to look for; all of them when omitted. */
  families?: AttackFamily[];
  /**
   * Lower-case names of the headers to inspect, in place of
   * `INSPECTED_HEADERS`.
   */
  headers?: readonly string[];
  /**
   * Whether to inspect every header that is not in `STANDARD_HEADERS` as
   * well, such as `x-client-ip` or a webhook's own header; default false.
   */
  customHeaders?: boolean;
  /**
   * Limits that replace the defaults; a field that is not a positive
   * integer keeps its default.
   */
  limits?: Partial<InspectLimits>;
}

/** The result of `inspectRequestDetailed`. */
export interface InspectResult {
  findings: AttackFinding[];
  /** Whether a limit left part of the request uninspected. */
  limitReached: boolean;
  /** The limits that did so, each named once. */
  limitsReached: InspectLimitName[];
}

/** One suspected attack: where it was seen and which rule matched. */
export interface AttackFinding {
  family: AttackFamily;
  /**
   * Location of the value, such as `query.id`, `body.user.name`,
   * `header.referer`, `cookie.session` or `path`. Never the value itself.
   */
  location: string;
  /** Stable rule id, such as `sqli.tautology`. */
  rule: string;
}

/** A finding inside one value, before its location is known. */
export interface ValueFinding {
  family: AttackFamily;
  rule: string;
}

/** Every family, in the order the detectors run. */
export const ALL_FAMILIES: readonly AttackFamily[] = [
  'sqli',
  'xss',
  'path_traversal',
  'command_injection',
  'ssrf',
  'nosql_injection',
  'prototype_pollution',
];
