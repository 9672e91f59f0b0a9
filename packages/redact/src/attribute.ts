import type { RedactionContext } from './context';
import { replaceValue } from './context';
import { redactGraphql } from './graphql';
import { redactHeader } from './header';
import { redactJson } from './json';
import { redactText } from './text-scan';
import type { AttributeValue } from './types';
import type { UrlPaths } from './url';
import { redactUrl } from './url';

const HEADER_PREFIXES = ['http.request.header.', 'http.response.header.'];
// Attributes of the OpenTelemetry semantic conventions (and their older
// names) whose value is a URL, a path or a target.
const URL_ATTRIBUTES: ReadonlySet<string> = new Set([
  'url.full',
  'url.original',
  'url.path',
  'http.url',
  'http.target',
]);
const QUERY_ATTRIBUTES: ReadonlySet<string> = new Set(['url.query']);
const GRAPHQL_ATTRIBUTES: ReadonlySet<string> = new Set([
  'graphql.document',
  'graphql.source',
]);
// Integers of 13 digits and more may be card numbers.
const MIN_CARD_NUMBER = 1e12;

function urlPaths(key: string): UrlPaths {
  return { query: key, fragment: key, password: key, path: key };
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart().charCodeAt(0);
  return first === 0x7b || first === 0x5b;
}

function redactString(
  key: string,
  value: string,
  context: RedactionContext,
  sensitiveHeaders: ReadonlySet<string>,
): string {
  const header = HEADER_PREFIXES.find((prefix) => key.startsWith(prefix));
  if (header !== undefined) {
    return redactHeader(
      key.slice(header.length),
      value,
      sensitiveHeaders,
      context,
      key,
    );
  }
  const rule = context.keys.matchCompound(key);
  if (rule !== undefined) {
    return value === ''
      ? value
      : (replaceValue(context, rule, value, key) ?? value);
  }
  if (URL_ATTRIBUTES.has(key)) {
    return redactUrl(value, context, urlPaths(key));
  }
  if (QUERY_ATTRIBUTES.has(key)) {
    return redactUrl(`?${value}`, context, urlPaths(key)).slice(1);
  }
  if (GRAPHQL_ATTRIBUTES.has(key)) {
    return redactGraphql(value, context, key).text;
  }
  if (looksLikeJson(value)) {
    return redactJson(value, context, false, key);
  }
  return redactText(value, context, key, key);
}

function redactNumber(
  key: string,
  value: number,
  context: RedactionContext,
): number | string {
  if (!Number.isInteger(value) || Math.abs(value) < MIN_CARD_NUMBER) {
    return value;
  }
  const digits = String(value);
  const redacted = redactText(digits, context, key, key);
  return redacted === digits ? value : redacted;
}

/**
 * Redacts one span attribute value by its key: headers as headers, URLs
 * and queries as URLs, GraphQL documents, JSON text, and any other string
 * as free text (database statements, exception messages). A key that
 * matches a key rule masks the whole value. Arrays are redacted element by
 * element, and findings are reported with the attribute key as path.
 */
export function redactAttribute(
  key: string,
  value: AttributeValue,
  context: RedactionContext,
  sensitiveHeaders: ReadonlySet<string>,
): AttributeValue {
  if (typeof value === 'string') {
    return redactString(key, value, context, sensitiveHeaders);
  }
  if (typeof value === 'number') {
    return redactNumber(key, value, context);
  }
  if (!Array.isArray(value)) {
    return value;
  }
  const items = value as unknown[];
  if (
    !items.some((item) => typeof item === 'string' || typeof item === 'number')
  ) {
    return value;
  }
  // A redacted number becomes a string, so such an array becomes one of strings.
  const redacted = items.map((item) =>
    typeof item === 'string' || typeof item === 'number'
      ? redactAttribute(key, item, context, sensitiveHeaders)
      : item,
  );
  const allNumbers = redacted.every((item) => typeof item !== 'string');
  if (allNumbers) {
    return redacted as AttributeValue;
  }
  return redacted.map((item) =>
    typeof item === 'number' ? String(item) : item,
  ) as AttributeValue;
}
