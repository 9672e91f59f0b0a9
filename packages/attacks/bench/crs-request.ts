import type { AttackInput } from '../src';

/** The part of a CRS (go-ftw) test stage input that the bench reads. */
export interface CrsInput {
  uri?: string;
  headers?: Record<string, string | number>;
  data?: string | string[];
}

function collect(
  pairs: Iterable<[string, string]>,
): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    const existing = result[name];
    if (existing === undefined) {
      result[name] = value;
    } else if (typeof existing === 'string') {
      result[name] = [existing, value];
    } else {
      existing.push(value);
    }
  }
  return result;
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    // Malformed escapes stay raw, as a server that cannot decode them would.
    return path;
  }
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) {
      cookies[part.slice(0, index).trim()] = part.slice(index + 1).trim();
    }
  }
  return cookies;
}

function parseBody(
  data: string,
  contentType: string,
): Pick<AttackInput, 'body' | 'bodyText'> {
  if (contentType.includes('json')) {
    try {
      return { body: JSON.parse(data) as unknown };
    } catch {
      return { bodyText: data };
    }
  }
  // go-ftw sends form data when a test names no content type.
  if (contentType === '' || contentType.includes('x-www-form-urlencoded')) {
    return { body: collect(new URLSearchParams(data)) };
  }
  return { bodyText: data };
}

/**
 * Builds the request a server would hand to the detector from a CRS test
 * input: the URI split into a path decoded once and query parameters, the
 * headers with lower-case names, cookies from the Cookie header, and the
 * data parsed as JSON or form fields by its Content-Type (raw text
 * otherwise).
 */
export function requestFromCrs(input: CrsInput): AttackInput {
  const uri = input.uri ?? '/';
  const mark = uri.indexOf('?');
  const path = mark < 0 ? uri : uri.slice(0, mark);
  const search = mark < 0 ? '' : uri.slice(mark + 1);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    headers[name.toLowerCase()] = String(value);
  }
  const data = Array.isArray(input.data) ? input.data.join('\r\n') : input.data;
  const request: AttackInput = {
    path: decodePath(path),
    query: collect(new URLSearchParams(search)),
    headers,
    cookies: parseCookies(headers.cookie),
  };
  if (typeof data === 'string' && data !== '') {
    Object.assign(request, parseBody(data, headers['content-type'] ?? ''));
  }
  return request;
}
