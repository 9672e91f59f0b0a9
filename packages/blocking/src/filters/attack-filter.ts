import type { Filter, RequestView, Verdict } from '../types';
import type {
  AttackFinding,
  AttackInput,
  InspectOptions,
  InspectRequest,
  InspectRequestDetailed,
} from './attack-api';
import {
  defaultInspectRequestDetailed,
  loadInspectRequest,
} from './attack-api';
import type { AttackFilterOptions } from './attack-options';
import { isPathEntry, validateAttackFilterOptions } from './attack-options';
import { logProblems, logger } from './logger';
import type { PathPattern } from './path-pattern';
import { compilePathPattern } from './path-pattern';
import { RequestPath } from './request-path';

export const ATTACK_FILTER_NAME = 'attacks';

/** Test seams that replace how the filter finds `inspectRequest`. */
export interface AttackFilterInternals {
  /** Used in place of @tracegate/attacks' `inspectRequest`. */
  readonly inspectRequest?: InspectRequest;
  /** Used in place of loading `inspectRequest` from @tracegate/attacks. */
  readonly loadInspectRequest?: () => InspectRequest | undefined;
  /** Used in place of `inspectRequestDetailed`, with `onLimit: block`. */
  readonly inspectRequestDetailed?: InspectRequestDetailed;
}

const MAX_LOCATION_SEGMENTS = 3;
// A name with optional index or operator suffixes: `items[0]`, `user[$ne]`.
const NAME_SEGMENT = /^([A-Za-z_$][\w$-]{0,23})(?:\[[\w$]{1,12}\]){0,4}$/;
const INDEX_SEGMENT = /^\d{1,6}$/;
const MAX_NAME_DIGITS = 3;

/**
 * True for a segment that reads as a field name or an array index. Longer
 * names and names with many digits look like tokens or ids used as keys.
 */
function isPlainSegment(segment: string): boolean {
  if (INDEX_SEGMENT.test(segment)) return true;
  const name = NAME_SEGMENT.exec(segment)?.[1];
  if (name === undefined) return false;
  return name.replace(/\D/g, '').length <= MAX_NAME_DIGITS;
}

/**
 * Describes a finding's location with names only. Parameter, header and
 * JSON key names are client-chosen, so a segment that is not a plain name
 * is replaced by `*`, and only the first segments are kept.
 */
export function describeLocation(location: string): string {
  const segments = location.split('.');
  const shownSegments = segments
    .slice(0, MAX_LOCATION_SEGMENTS)
    .map((segment) => (isPlainSegment(segment) ? segment : '*'));
  if (segments.length > MAX_LOCATION_SEGMENTS) shownSegments.push('…');
  return shownSegments.join('.');
}

function verdictFor(findings: readonly AttackFinding[]): Verdict {
  const [first] = findings;
  const more =
    findings.length > 1 ? ` and ${findings.length - 1} more findings` : '';
  return {
    action: 'block',
    status: 403,
    rule: first.rule,
    reason: `${first.family} detected in ${describeLocation(first.location)}${more}`,
  };
}

function limitVerdict(limits: readonly string[]): Verdict {
  return {
    action: 'block',
    status: 403,
    rule: 'attacks.inspection_limit',
    reason: `attack inspection stopped at ${limits.join(', ')}`,
  };
}

function inspectedHeaders(
  headers: RequestView['headers'],
  skipped: ReadonlySet<string>,
): AttackInput['headers'] {
  const keptHeaders: AttackInput['headers'] = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!skipped.has(name)) keptHeaders[name] = value;
  }
  return keptHeaders;
}

/**
 * Builds the part of the request each stage inspects, so nothing is scanned twice:
 * path, query, headers and cookies at the headers stage, the body alone at
 * the body stage. The raw `cookie` header is skipped because its parsed
 * cookies are inspected. Returns undefined when there is nothing to inspect.
 */
function inputFor(
  view: RequestView,
  skippedHeaders: ReadonlySet<string>,
): AttackInput | undefined {
  if (view.stage === 'headers') {
    return {
      path: view.path,
      query: { ...view.query },
      headers: inspectedHeaders(view.headers, skippedHeaders),
      cookies: { ...view.cookies },
    };
  }
  if (view.body === undefined && view.bodyText === undefined) return undefined;
  return {
    path: '',
    query: {},
    headers: {},
    cookies: {},
    ...(view.body === undefined ? {} : { body: view.body }),
    ...(view.bodyText === undefined ? {} : { bodyText: view.bodyText }),
  };
}

function compileExclusions(exclude: readonly string[]): {
  paths: PathPattern[];
  headers: Set<string>;
} {
  const paths: PathPattern[] = [];
  const headers = new Set(['cookie']);
  for (const entry of exclude) {
    if (!isPathEntry(entry)) {
      headers.add(entry.toLowerCase());
      continue;
    }
    const pattern = compilePathPattern(entry, 'exclude', false, []);
    if (pattern !== undefined) paths.push(pattern);
  }
  return { paths, headers };
}

/**
 * Creates the attack filter from `blocking.attacks` options, or returns
 * undefined when its mode is `off` or @tracegate/attacks offers no
 * `inspectRequest`. It runs at both stages and blocks on the first finding.
 */
export function createAttackFilter(
  input: Partial<AttackFilterOptions> = {},
  internals: AttackFilterInternals = {},
): Filter | undefined {
  const { options, problems } = validateAttackFilterOptions(input);
  logProblems(ATTACK_FILTER_NAME, problems);
  if (options.mode === 'off') return undefined;
  const load = internals.loadInspectRequest ?? loadInspectRequest;
  const loaded = internals.inspectRequest ?? load();
  if (loaded === undefined) {
    logger.warn(
      `filter ${ATTACK_FILTER_NAME}: @tracegate/attacks exports no inspectRequest function; the attack filter stays off.`,
    );
    return undefined;
  }
  const inspect: InspectRequest = loaded;
  const inspectDetailed =
    internals.inspectRequestDetailed ?? defaultInspectRequestDetailed;
  const exclusions = compileExclusions(options.exclude);
  const inspectOptions: InspectOptions = { families: [...options.families] };

  function check(view: RequestView): Verdict | undefined {
    if (exclusions.paths.length > 0) {
      const path = RequestPath.fromTarget(view.url);
      if (exclusions.paths.some((pattern) => pattern.matches(path))) {
        return undefined;
      }
    }
    const attackInput = inputFor(view, exclusions.headers);
    if (attackInput === undefined) return undefined;
    if (options.onLimit === 'block') {
      const result = inspectDetailed(attackInput, inspectOptions);
      if (result.findings.length > 0) return verdictFor(result.findings);
      return result.limitReached
        ? limitVerdict(result.limitsReached)
        : undefined;
    }
    const findings = inspect(attackInput, inspectOptions);
    return findings.length === 0 ? undefined : verdictFor(findings);
  }

  return {
    name: ATTACK_FILTER_NAME,
    stages: ['headers', 'body'],
    mode: options.mode,
    check,
  };
}
