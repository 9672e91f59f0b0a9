import type { Detector, Hit } from './detector';
import {
  isAlphanumeric,
  prefixedPattern,
  matchFrom,
  prefixFinder,
  scanPrefixed,
} from './detector';

// Access key ids are 20 characters: a four-letter prefix that names the
// kind (AKIA long-term, ASIA temporary, ABIA and ACCA service-specific)
// and 16 characters of base32.
const ACCESS_KEY_ID =
  /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/g;
// 'IA' at offset 2 covers AKIA, ASIA and ABIA, so three prefixes take
// one search.
const ACCESS_KEY_ID_SEARCH = prefixedPattern(
  ACCESS_KEY_ID,
  ['IA', 'ACCA'],
  [2, 0],
);

// A secret access key is 40 characters of base64 with no other structure,
// so it is only recognised next to words that name it or next to an id.
const SECRET_ANCHOR = /secret|(?:AKIA|ASIA)[A-Z2-7]{16}/gi;
// The searches skip the first letters, which are common in text, and
// 'ia' covers both key id prefixes in one search.
const SECRET_ANCHOR_SEARCH = prefixedPattern(
  SECRET_ANCHOR,
  ['cret', 'ia'],
  [2, 2],
);
const SECRET_CONTEXT = /secret/i;
const SECRET_LENGTH = 40;
// How far after its anchor a secret may start, enough for
// `"aws_secret_access_key": "` or a line break and an assignment.
const ANCHOR_REACH = 64;

function isBase64Char(code: number): boolean {
  return isAlphanumeric(code) || code === 0x2b || code === 0x2f;
}

function hasMixedClasses(candidate: string): boolean {
  return (
    /[a-z]/.test(candidate) &&
    /[A-Z]/.test(candidate) &&
    /[0-9]/.test(candidate)
  );
}

/** Returns the start of a 40-character secret that begins in text[from, limit), or -1. */
function secretIn(text: string, from: number, limit: number): number {
  let position = from;
  while (position < limit) {
    const isRunStart =
      isBase64Char(text.charCodeAt(position)) &&
      !isBase64Char(text.charCodeAt(position - 1));
    if (!isRunStart) {
      position++;
      continue;
    }
    // One character past the secret's length is enough to reject a longer
    // run, which keeps the work per anchor bounded.
    const cap = Math.min(text.length, position + SECRET_LENGTH + 1);
    let end = position;
    while (end < cap && isBase64Char(text.charCodeAt(end))) {
      end++;
    }
    const isSecret =
      end - position === SECRET_LENGTH &&
      text.charCodeAt(end) !== 0x3d &&
      hasMixedClasses(text.slice(position, end));
    if (isSecret) {
      return position;
    }
    position = end;
  }
  return -1;
}

/** Finds AWS access key ids by their prefix and base32 body. */
export const awsAccessKeyId: Detector = {
  name: 'aws_access_key_id',
  types: ['aws_access_key_id'],
  scan(text: string, hits: Hit[]): void {
    scanPrefixed(
      text,
      ACCESS_KEY_ID_SEARCH,
      'aws_access_key_id',
      hits,
      (_text, match) => match.index + match[0].length,
    );
  },
  cutType(fragment: string): string | undefined {
    return /^(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]/.test(fragment)
      ? 'aws_access_key_id'
      : undefined;
  },
};

/**
 * Finds AWS secret access keys: 40 base64 characters with lower case,
 * upper case and digits, within a short reach after the word "secret" or
 * an access key id, or anywhere in a value whose key mentions a secret.
 */
export const awsSecretAccessKey: Detector = {
  name: 'aws_secret_access_key',
  types: ['aws_secret_access_key'],
  scan(text: string, hits: Hit[], hint: string | undefined): void {
    const isWholeSecret =
      hint !== undefined &&
      SECRET_CONTEXT.test(hint) &&
      secretIn(text, 0, 1) === 0 &&
      text.length === SECRET_LENGTH;
    if (isWholeSecret) {
      hits.push({
        start: 0,
        end: SECRET_LENGTH,
        type: 'aws_secret_access_key',
      });
      return;
    }
    const find = prefixFinder(text, SECRET_ANCHOR_SEARCH);
    let match: RegExpExecArray | null;
    let next = 0;
    while (
      (match = matchFrom(text, SECRET_ANCHOR_SEARCH, find, next)) !== null
    ) {
      const from = match.index + match[0].length;
      next = from;
      const start = secretIn(
        text,
        from,
        Math.min(text.length, from + ANCHOR_REACH),
      );
      if (start >= 0) {
        hits.push({
          start,
          end: start + SECRET_LENGTH,
          type: 'aws_secret_access_key',
        });
        next = start + SECRET_LENGTH;
      }
    }
  },
};
