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
