import type { AttackFamily } from './types';

/**
 * Request headers that carry values a client chooses freely and that
 * applications log, echo or use in queries. Other headers (Accept,
 * Content-Type, Authorization, Cookie...) follow fixed grammars, or are
 * inspected elsewhere (Cookie), so inspecting them would only add false
 * positives.
 */
export const INSPECTED_HEADERS: readonly string[] = [
  'referer',
  'user-agent',
  'x-forwarded-host',
  'x-original-url',
  'x-rewrite-url',
  'x-forwarded-uri',
  'x-forwarded-prefix',
];

/**
 * Headers defined by HTTP, Fetch, CORS, WebSocket and W3C Trace Context
 * whose values follow a fixed grammar or carry credentials. With the
 * `customHeaders` option every other header is inspected as well; these
 * stay out, except the ones listed in `INSPECTED_HEADERS`. Cookie values
 * are inspected as cookies.
 */
export const STANDARD_HEADERS: ReadonlySet<string> = new Set([
  'accept',
  'accept-charset',
  'accept-encoding',
  'accept-language',
  'access-control-request-headers',
  'access-control-request-method',
  'authorization',
  'baggage',
  'cache-control',
  'connection',
  'content-encoding',
  'content-language',
  'content-length',
  'content-type',
  'cookie',
  'date',
  'dnt',
  'expect',
  'forwarded',
  'host',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'if-range',
  'if-unmodified-since',
  'keep-alive',
  'max-forwards',
  'origin',
  'pragma',
  'priority',
  'proxy-authorization',
  'range',
  'te',
  'traceparent',
  'tracestate',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'upgrade-insecure-requests',
  'via',
]);

// Prefixes of browser-set headers with fixed grammars: fetch metadata,
// client hints and the WebSocket handshake.
const STANDARD_PREFIXES = ['sec-fetch-', 'sec-ch-', 'sec-websocket-'];

/** Returns whether `name` is a standard header left out of custom ones. */
function isStandardHeader(name: string): boolean {
  return (
    STANDARD_HEADERS.has(name) ||
    STANDARD_PREFIXES.some((prefix) => name.startsWith(prefix))
  );
}

/**
 * Returns the names of the headers to inspect: `listed`, plus, when
 * `custom` is true, every header of the request that is not standard.
 */
export function headerNames(
  headers: Readonly<Record<string, unknown>>,
  listed: readonly string[],
  custom: boolean,
): readonly string[] {
  if (!custom) {
    return listed;
  }
  const names = [...listed];
  for (const name of Object.keys(headers)) {
    if (!isStandardHeader(name) && !names.includes(name)) {
      names.push(name);
    }
  }
  return names;
}

/**
 * Families inspected in headers. SSRF is left out: Referer and
 * X-Forwarded-Host name the client's own site, which is `localhost` or a
 * private address on every development and internal deployment.
 */
export const HEADER_FAMILIES: ReadonlySet<AttackFamily> = new Set([
  'sqli',
  'xss',
  'path_traversal',
  'command_injection',
]);
