import type { RedactionContext } from './context';
import { replaceValue } from './context';
import { redactText } from './text-scan';
import { redactUrlPath } from './url-path';
import { redactUrlEncoded } from './urlencoded';

/** Finding path prefixes for the parts of a URL. */
export interface UrlPaths {
  readonly query: string;
  readonly fragment: string;
  readonly password: string;
  readonly path: string;
}

/** Finding paths of a URL given to `Redactor.url`. */
export const REQUEST_URL_PATHS: UrlPaths = {
  query: 'query',
  fragment: 'fragment',
  password: 'url.password',
  path: 'url.path',
};

/** Returns finding paths that place every part of a URL under one path, such as `header.referer`. */
export function headerUrlPaths(path: string): UrlPaths {
  return { query: path, fragment: path, password: path, path };
}

const SCHEME_AND_AUTHORITY = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/;

/**
 * Redacts a URL or a path with a query: query and fragment parameters by key
 * rule and detector, the password of the user information, and path
 * segments that hold a detection or look like a secret. Every other byte is
 * kept.
 */
export function redactUrl(
  url: string,
  context: RedactionContext,
  paths: UrlPaths,
): string {
  const hash = url.indexOf('#');
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const question = beforeHash.indexOf('?');
  const head = question < 0 ? beforeHash : beforeHash.slice(0, question);
  let result = redactHead(head, context, paths);
  if (question >= 0) {
    const query = beforeHash.slice(question + 1);
    result += `?${redactUrlEncoded(query, context, paths.query)}`;
  }
  if (hash >= 0) {
    result += `#${redactFragment(url.slice(hash + 1), context, paths)}`;
  }
  return result;
}

function redactHead(
  head: string,
  context: RedactionContext,
  paths: UrlPaths,
): string {
  const authority = SCHEME_AND_AUTHORITY.exec(head);
  const origin = authority === null ? '' : authority[0];
  const pathPart = head.slice(origin.length);
  return (
    redactUserInfo(origin, context, paths) +
    redactUrlPath(pathPart, context, paths.path)
  );
}

function redactUserInfo(
  origin: string,
  context: RedactionContext,
  paths: UrlPaths,
): string {
  const at = origin.lastIndexOf('@');
  if (at < 0) {
    return origin;
  }
  const hostStart = origin.indexOf('//') + 2;
  const colon = origin.indexOf(':', hostStart);
  if (colon < 0 || colon > at || colon === at - 1) {
    return origin;
  }
  const password = origin.slice(colon + 1, at);
  const replacement = replaceValue(
    context,
    'password',
    password,
    paths.password,
  );
  return replacement === undefined
    ? origin
    : `${origin.slice(0, colon + 1)}${replacement}${origin.slice(at)}`;
}

function redactFragment(
  fragment: string,
  context: RedactionContext,
  paths: UrlPaths,
): string {
  // OAuth 2.0 implicit grants return tokens as fragment parameters.
  return fragment.includes('=')
    ? redactUrlEncoded(fragment, context, paths.fragment)
    : redactText(fragment, context, paths.fragment);
}
