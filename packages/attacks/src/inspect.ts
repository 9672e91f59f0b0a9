import { walkBody } from './body';
import { Budget, resolveLimits } from './budget';
import { Collector } from './collector';
import { HEADER_FAMILIES, INSPECTED_HEADERS, headerNames } from './headers';
import { childLocation } from './location';
import type {
  AttackFamily,
  AttackFinding,
  AttackInput,
  InspectOptions,
  InspectResult,
} from './types';
import { ALL_FAMILIES } from './types';
import { looksLikeMarkup, xmlValues } from './xml-values';

// Families that apply to one path segment. Traversal looks at the whole
// path, because `..` only means something between separators.
const SEGMENT_FAMILIES: ReadonlySet<AttackFamily> = new Set([
  'sqli',
  'xss',
  'command_injection',
]);

function values(
  value: string | readonly string[] | undefined,
): readonly string[] {
  if (value === undefined) {
    return [];
  }
  return typeof value === 'string' ? [value] : value;
}

function inspectPath(path: string, collector: Collector, budget: Budget): void {
  if (!budget.take(path.length)) {
    return;
  }
  collector.addText(path, 'path', ['path_traversal']);
  const families = collector.valueFamilies.filter((family) =>
    SEGMENT_FAMILIES.has(family),
  );
  for (const segment of path.split('/')) {
    if (segment !== '' && budget.take(segment.length)) {
      collector.addText(segment, 'path', families);
    }
  }
}

function inspectQuery(
  query: AttackInput['query'],
  collector: Collector,
  budget: Budget,
): void {
  for (const name of Object.keys(query)) {
    const location = childLocation('query', name);
    if (!budget.take(name.length)) {
      return;
    }
    // Parameter names carry operators (`user[$ne]`), prototype paths
    // (`a[__proto__][b]`) and, less often, the payload itself.
    collector.addText(name, location, collector.families);
    for (const value of values(query[name])) {
      if (budget.take(value.length)) {
        collector.addText(value, location, collector.valueFamilies);
      }
    }
  }
}

function inspectHeaders(
  headers: AttackInput['headers'],
  names: readonly string[],
  collector: Collector,
  budget: Budget,
): void {
  const families = collector.valueFamilies.filter((family) =>
    HEADER_FAMILIES.has(family),
  );
  for (const name of names) {
    for (const value of values(headers[name])) {
      if (budget.take(value.length)) {
        collector.addText(value, `header.${name}`, families);
      }
    }
  }
}

function inspectCookies(
  cookies: AttackInput['cookies'],
  collector: Collector,
  budget: Budget,
): void {
  for (const name of Object.keys(cookies)) {
    const value = cookies[name];
    const location = childLocation('cookie', name);
    if (budget.take(name.length)) {
      collector.addText(name, location, collector.valueFamilies);
    }
    if (typeof value === 'string' && budget.take(value.length)) {
      collector.addText(value, location, collector.valueFamilies);
    }
  }
}

function inspectBody(
  input: AttackInput,
  collector: Collector,
  budget: Budget,
): void {
  if (input.body !== undefined) {
    walkBody(input.body, 'body', 0, collector, budget);
    return;
  }
  const text = input.bodyText;
  if (typeof text !== 'string' || text === '' || !budget.take(text.length)) {
    return;
  }
  collector.addText(text, 'body', collector.families);
  if (!looksLikeMarkup(text)) {
    return;
  }
  // Entities hide payloads in markup (`&lt;`, `&quot;`), and the whole text
  // mixes markup with values, so each value is inspected on its own too.
  for (const value of xmlValues(text.slice(0, budget.limits.maxValueChars))) {
    if (!budget.take(value.length)) {
      return;
    }
    collector.addText(value, 'body', collector.valueFamilies, false);
  }
}

/**
 * Inspects the path, query, selected headers, cookies and body of a
 * request for attacks of the chosen families, within the limits (the
 * defaults of `limits.ts` unless options set others). Findings name where a
 * match was seen and which rule matched, never the value. The result also
 * reports whether a limit left part of the request uninspected.
 */
export function inspectRequestDetailed(
  input: AttackInput,
  options?: InspectOptions,
): InspectResult {
  const limits = resolveLimits(options?.limits);
  const collector = new Collector(
    options?.families ?? ALL_FAMILIES,
    limits.maxValueChars,
  );
  const budget = new Budget(limits);
  if (typeof input.path === 'string') {
    inspectPath(input.path, collector, budget);
  }
  inspectQuery(input.query ?? {}, collector, budget);
  const headers = input.headers ?? {};
  const names = headerNames(
    headers,
    options?.headers ?? INSPECTED_HEADERS,
    options?.customHeaders === true,
  );
  inspectHeaders(headers, names, collector, budget);
  inspectCookies(input.cookies ?? {}, collector, budget);
  inspectBody(input, collector, budget);
  const limitsReached = budget.limitsReached;
  return {
    findings: collector.findings,
    limitReached: limitsReached.length > 0,
    limitsReached,
  };
}

/**
 * Inspects a request as `inspectRequestDetailed` does and returns the
 * findings alone.
 */
export function inspectRequest(
  input: AttackInput,
  options?: InspectOptions,
): AttackFinding[] {
  return inspectRequestDetailed(input, options).findings;
}

/**
 * Inspects one string for attacks of the chosen families (all when
 * omitted). Findings carry an empty location.
 */
export function inspectValue(
  value: string,
  families?: AttackFamily[],
): AttackFinding[] {
  const collector = new Collector(families ?? ALL_FAMILIES);
  if (typeof value === 'string') {
    collector.addText(value, '', collector.families);
  }
  return collector.findings;
}
