import type { RedactionContext } from './context';
import { replaceValue } from './context';
import { keySegment } from './path';

const COOKIE_TYPE = 'cookie';

/** Masks every cookie value of a Cookie header (`a=1; b=2`) and keeps the names. */
export function redactCookieHeader(
  value: string,
  context: RedactionContext,
): string {
  return value
    .split(';')
    .map((pair) => redactCookiePair(pair, context))
    .join(';');
}

/** Masks the cookie value of a Set-Cookie header and keeps its name and attributes. */
export function redactSetCookie(
  value: string,
  context: RedactionContext,
): string {
  const semicolon = value.indexOf(';');
  if (semicolon < 0) {
    return redactCookiePair(value, context);
  }
  return (
    redactCookiePair(value.slice(0, semicolon), context) +
    value.slice(semicolon)
  );
}

function redactCookiePair(pair: string, context: RedactionContext): string {
  const equals = pair.indexOf('=');
  if (equals < 0) {
    // A cookie without '=' has an empty name and this text as its value.
    return redactNameless(pair, context);
  }
  const rawValue = pair.slice(equals + 1);
  if (rawValue.trim() === '') {
    return pair;
  }
  const name = pair.slice(0, equals).trim();
  const replacement = replaceValue(
    context,
    COOKIE_TYPE,
    rawValue.trim(),
    `cookie${keySegment(name)}`,
  );
  if (replacement === undefined) {
    return pair;
  }
  const trailing = rawValue.length - rawValue.trimEnd().length;
  return `${pair.slice(0, equals + 1)}${replacement}${rawValue.slice(rawValue.length - trailing)}`;
}

function redactNameless(pair: string, context: RedactionContext): string {
  const content = pair.trim();
  if (content === '') {
    return pair;
  }
  const replacement = replaceValue(context, COOKIE_TYPE, content, 'cookie');
  if (replacement === undefined) {
    return pair;
  }
  const leading = pair.length - pair.trimStart().length;
  const trailing = pair.length - pair.trimEnd().length;
  return (
    pair.slice(0, leading) + replacement + pair.slice(pair.length - trailing)
  );
}
