import type { RedactionContext } from './context';
import { replaceValue } from './context';
import { redactCookieHeader, redactSetCookie } from './cookie';
import { toMaskType } from './mask';
import { redactText } from './text-scan';
import { headerUrlPaths, redactUrl } from './url';

// Headers whose value is a URL, which can carry tokens in its query string
// (password-reset links in Referer, OAuth redirects in Location).
const URL_HEADERS: ReadonlySet<string> = new Set([
  'referer',
  'location',
  'content-location',
]);

/** Redacts one header value according to its name. */
export function redactHeader(
  name: string,
  value: string,
  sensitiveHeaders: ReadonlySet<string>,
  context: RedactionContext,
  findingPath?: string,
): string {
  const lowerName = name.trim().toLowerCase();
  if (lowerName === 'cookie') {
    return redactCookieHeader(value, context);
  }
  if (lowerName === 'set-cookie') {
    return redactSetCookie(value, context);
  }
  const path = findingPath ?? `header.${lowerName}`;
  const isSensitive =
    sensitiveHeaders.has(lowerName) ||
    context.keys.match(lowerName) !== undefined;
  if (isSensitive) {
    if (value === '') {
      return value;
    }
    const type = toMaskType(lowerName);
    return replaceValue(context, type, value, path) ?? value;
  }
  if (URL_HEADERS.has(lowerName)) {
    return redactUrl(value, context, headerUrlPaths(path));
  }
  return redactText(value, context, path, lowerName);
}
