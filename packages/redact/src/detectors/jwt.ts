import type { Detector, Hit } from './detector';
import { isBase64UrlChar, scanPattern, scanWhile } from './detector';

// A JOSE header is a small JSON object, so the pattern bounds the first
// segment and decoding it costs little.
const MAX_HEADER_SEGMENT = 8192;

// The header is a JSON object, and base64url of '{' followed by '"' or
// by white space starts with "ey" or "ew". Searching for that prefix is
// much faster than trying every word.
const PATTERN = new RegExp(
  `(?<![A-Za-z0-9_-])e[yw][A-Za-z0-9_-]{8,${MAX_HEADER_SEGMENT - 2}}\\.`,
  'g',
);

function decodesToJoseHeader(segment: string): boolean {
  const decoded = Buffer.from(segment, 'base64url').toString('utf8').trim();
  // Most candidates are not JSON at all, and checking the braces first saves
  // the cost of a thrown SyntaxError for each of them.
  if (!decoded.startsWith('{') || !decoded.endsWith('}')) {
    return false;
  }
  let header: unknown;
  try {
    header = JSON.parse(decoded);
  } catch {
    return false;
  }
  return (
    typeof header === 'object' &&
    header !== null &&
    !Array.isArray(header) &&
    typeof (header as Record<string, unknown>).alg === 'string'
  );
}

function confirm(text: string, match: RegExpExecArray): number {
  const payloadStart = match.index + match[0].length;
  const payloadEnd = scanWhile(text, payloadStart, isBase64UrlChar);
  if (payloadEnd - payloadStart < 2 || text.charCodeAt(payloadEnd) !== 0x2e) {
    return -1;
  }
  if (!decodesToJoseHeader(match[0].slice(0, -1))) {
    return -1;
  }
  // The signature may be empty for an unsecured token (alg "none").
  return scanWhile(text, payloadEnd + 1, isBase64UrlChar);
}

/** Finds JSON Web Tokens: three base64url segments whose first decodes to a JSON object with `alg`. */
export const jwt: Detector = {
  name: 'jwt',
  types: ['jwt'],
  scan(text: string, hits: Hit[]): void {
    scanPattern(text, PATTERN, 'jwt', hits, confirm);
  },
  cutType(fragment: string): string | undefined {
    return /^e[yw][A-Za-z0-9_-]{6}/.test(fragment) ? 'jwt' : undefined;
  },
};
