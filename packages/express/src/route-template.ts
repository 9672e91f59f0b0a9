import type { PathPattern } from './internal-types';

/** Characters that make a string path a pattern rather than a literal. */
const PATTERN_CHARACTERS = /[:*?+()[\]{}]/;

/**
 * Renders one path pattern as text. A RegExp keeps its literal form, as
 * `String(regexp)` gives it. For an array, the element that matched
 * `matchedPath` is chosen when it is a literal string; otherwise the
 * elements are joined with commas.
 */
export function patternText(pattern: PathPattern, matchedPath: string): string {
  if (typeof pattern === 'string') return pattern;
  if (!isPatternArray(pattern)) return String(pattern);
  const elements = flatten(pattern);
  if (elements.length === 1) return patternText(elements[0], matchedPath);
  const literal = elements.find(
    (element) =>
      typeof element === 'string' &&
      !PATTERN_CHARACTERS.test(element) &&
      sameLiteralPath(element, matchedPath),
  );
  // NOTE: arrays that match through a parameter or a RegExp are not resolved
  // to one element; they are rendered whole, as `/a/:id,/b/:id`.
  if (literal !== undefined) return String(literal);
  return elements.map((element) => patternText(element, '')).join(',');
}

/**
 * Joins mount paths and a route path into one route template, such as
 * `/users/:id/posts`. A `/` segment adds nothing, and exactly one slash
 * separates two segments.
 */
export function joinTemplate(segments: readonly string[]): string {
  let template = '';
  for (const segment of segments) {
    if (segment === '' || segment === '/') continue;
    if (template === '') {
      template = segment;
      continue;
    }
    const base = template.endsWith('/') ? template.slice(0, -1) : template;
    template = segment.startsWith('/') ? base + segment : `${base}/${segment}`;
  }
  return template === '' ? '/' : template;
}

function isPatternArray(
  pattern: PathPattern,
): pattern is readonly PathPattern[] {
  return Array.isArray(pattern);
}

function flatten(pattern: readonly PathPattern[]): PathPattern[] {
  return pattern.flatMap((element) =>
    isPatternArray(element) ? flatten(element) : [element],
  );
}

/** Compares paths as Express's default (non-strict, case-insensitive) routing does. */
function sameLiteralPath(literal: string, matchedPath: string): boolean {
  return (
    trimSlash(literal).toLowerCase() === trimSlash(matchedPath).toLowerCase()
  );
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
