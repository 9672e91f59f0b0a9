import type { Detector, Hit } from './detector';
import {
  isAlphanumeric,
  prefixedPattern,
  scanPrefixed,
  scanWhile,
} from './detector';

const MIN_TOKEN_LENGTH = 8;
const PATTERN = /(?<![A-Za-z0-9])bearer[ \t]{1,16}/gi;
const SEARCH = prefixedPattern(PATTERN, ['bearer']);

/** Returns whether a character may appear in an RFC 6750 b64token before its '=' padding. */
function isTokenChar(code: number): boolean {
  return (
    isAlphanumeric(code) ||
    code === 0x2d ||
    code === 0x2e ||
    code === 0x5f ||
    code === 0x7e ||
    code === 0x2b ||
    code === 0x2f
  );
}

/** Returns whether a token is a single-case word, as in prose or a challenge parameter. */
function isWord(token: string): boolean {
  // A loop, not /=+$/: that pattern is quadratic on a long run of '='
  // followed by something else.
  let end = token.length;
  while (end > 0 && token.charCodeAt(end - 1) === 0x3d) end--;
  const letters = token.slice(0, end);
  return /^[a-z]+$/.test(letters) || /^[A-Z]+$/.test(letters);
}

function confirm(text: string, match: RegExpExecArray): number {
  const tokenStart = match.index + match[0].length;
  const padded = scanWhile(text, tokenStart, isTokenChar);
  const end = scanWhile(text, padded, (code) => code === 0x3d);
  if (isTokenChar(text.charCodeAt(end))) {
    return -1;
  }
  // A sentence may end right after the token, so trailing dots are left out.
  let tokenEnd = end;
  while (tokenEnd > tokenStart && text.charCodeAt(tokenEnd - 1) === 0x2e) {
    tokenEnd--;
  }
  const token = text.slice(tokenStart, tokenEnd);
  // "bearer authentication" in prose and `Bearer realm="api"` in a
  // challenge are words, not credentials.
  if (token.length < MIN_TOKEN_LENGTH || isWord(token)) {
    return -1;
  }
  return tokenEnd;
}

/** Finds bearer credentials, `Bearer <token>` with a token in the RFC 6750 b64token syntax. */
export const bearerToken: Detector = {
  name: 'bearer_token',
  types: ['bearer_token'],
  scan(text: string, hits: Hit[]): void {
    scanPrefixed(text, SEARCH, 'bearer_token', hits, confirm);
  },
  cutType(fragment: string, before: string): string | undefined {
    return /(?:^|[^A-Za-z0-9])bearer[ \t]+$/i.test(before) && fragment !== ''
      ? 'bearer_token'
      : undefined;
  },
};
