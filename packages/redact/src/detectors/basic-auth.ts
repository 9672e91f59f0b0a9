import type { Detector, Hit } from './detector';
import {
  isAlphanumeric,
  prefixedPattern,
  scanPrefixed,
  scanWhile,
} from './detector';

// A user:password pair is short, so longer runs are rejected undecoded.
const MAX_ENCODED_LENGTH = 4096;
const MIN_ENCODED_LENGTH = 4;
const PATTERN = /(?<![A-Za-z0-9])basic[ \t]{1,16}/gi;
const SEARCH = prefixedPattern(PATTERN, ['basic']);

function isBase64Char(code: number): boolean {
  return isAlphanumeric(code) || code === 0x2b || code === 0x2f;
}

function isPrintable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0xfffd) {
      return false;
    }
  }
  return true;
}

function decodesToUserPass(encoded: string): boolean {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  // Random base64 text decodes to control bytes or invalid UTF-8 (shown as
  // U+FFFD), while user:password pairs are printable.
  return decoded.includes(':') && isPrintable(decoded);
}

function confirm(text: string, match: RegExpExecArray): number {
  const start = match.index + match[0].length;
  const dataEnd = scanWhile(text, start, isBase64Char);
  let end = dataEnd;
  while (end < dataEnd + 2 && text.charCodeAt(end) === 0x3d) {
    end++;
  }
  const next = text.charCodeAt(end);
  if (isBase64Char(next) || next === 0x3d) {
    return -1;
  }
  const length = end - start;
  if (length < MIN_ENCODED_LENGTH || length > MAX_ENCODED_LENGTH) {
    return -1;
  }
  return decodesToUserPass(text.slice(start, end)) ? end : -1;
}

/** Finds basic credentials, `Basic <base64>` whose payload decodes to printable `user:password`. */
export const basicAuth: Detector = {
  name: 'basic_auth',
  types: ['basic_auth'],
  scan(text: string, hits: Hit[]): void {
    scanPrefixed(text, SEARCH, 'basic_auth', hits, confirm);
  },
  cutType(fragment: string, before: string): string | undefined {
    return /(?:^|[^A-Za-z0-9])basic[ \t]+$/i.test(before) && fragment !== ''
      ? 'basic_auth'
      : undefined;
  },
};
