import type { RequestView } from '../../../src/types';

function decodeOnce(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Builds a request view the way the contract describes it: `url` as
 * received, `path` percent-decoded once, query parameters decoded.
 */
export function makeView(
  url: string,
  overrides: Partial<RequestView> = {},
): RequestView {
  const queryStart = url.indexOf('?');
  const rawPath = queryStart === -1 ? url : url.slice(0, queryStart);
  const query: Record<string, string | string[]> = {};
  const search = new URLSearchParams(
    queryStart === -1 ? '' : url.slice(queryStart),
  );
  for (const [name, value] of search) {
    const previous = query[name];
    if (previous === undefined) query[name] = value;
    else query[name] = [previous, value].flat();
  }
  return {
    protocol: 'http',
    stage: 'headers',
    method: 'GET',
    url,
    path: decodeOnce(rawPath),
    query,
    headers: {},
    cookies: {},
    clientIp: '203.0.113.10',
    ...overrides,
  };
}
