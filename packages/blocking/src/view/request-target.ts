import { parseParameters } from './body-content';

/** The path and query of a request target. */
export interface RequestTarget {
  /** The path, percent-decoded once; kept raw when it does not decode. */
  readonly path: string;
  /** The raw query string without `?`, empty when there is none. */
  readonly rawQuery: string;
}

/**
 * Splits a request target into path and query. Origin-form (`/a?b`) is the
 * usual case; absolute-form (`http://host/a?b`, sent to proxies) is read
 * with the URL parser; `*` (OPTIONS) stays as it is.
 */
export function splitTarget(url: string): RequestTarget {
  let rawPath = url;
  let rawQuery = '';
  if (!url.startsWith('/') && url !== '*') {
    try {
      const parsed = new URL(url);
      rawPath = parsed.pathname;
      rawQuery = parsed.search.slice(1);
      return { path: decodePath(rawPath), rawQuery };
    } catch {
      // Not a URL either: keep the target whole as the path.
    }
  }
  const mark = url.indexOf('?');
  if (mark >= 0) {
    rawPath = url.slice(0, mark);
    rawQuery = url.slice(mark + 1);
  }
  return { path: decodePath(rawPath), rawQuery };
}

function decodePath(raw: string): string {
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Parses a raw query string into a frozen object of decoded values. */
export function parseQuery(
  rawQuery: string,
): Readonly<Record<string, string | readonly string[]>> {
  if (rawQuery === '') return EMPTY_QUERY;
  const query = parseParameters(rawQuery);
  for (const value of Object.values(query)) {
    if (Array.isArray(value)) Object.freeze(value);
  }
  return Object.freeze(query);
}

const EMPTY_QUERY = Object.freeze(Object.create(null) as Record<string, never>);
