import type { Detector, Hit } from './detector';
import { prefixedPattern, matchFrom, prefixFinder } from './detector';

// PEM (RFC 7468) and OpenSSH, PGP and PuTTY private key headers. Up to
// three words may name the algorithm or format, as in "RSA", "EC",
// "ENCRYPTED" or "OPENSSH".
const BEGIN =
  /-----BEGIN (?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-\d+: /g;
// 'BEGIN ' and 'PuTTY' are searched rather than '-----BEGIN ', which is
// slower to find because '-' is common.
const BEGIN_SEARCH = prefixedPattern(BEGIN, ['BEGIN ', 'PuTTY'], [5, 0]);
const END = /-----END (?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY(?: BLOCK)?-----/g;
const PUTTY_END = /Private-MAC: [0-9a-f]+/g;

function endAfter(text: string, from: number, putty: boolean): number {
  const pattern = putty ? PUTTY_END : END;
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  // A key without its end line, cut by a size limit or malformed, is
  // masked to the end of the text, because nothing after the header is safe.
  return match === null ? text.length : match.index + match[0].length;
}

/** Finds private keys from their BEGIN line to their END line, or to the end of the text when the END line is missing. */
export const privateKey: Detector = {
  name: 'private_key',
  types: ['private_key'],
  scan(text: string, hits: Hit[]): void {
    const find = prefixFinder(text, BEGIN_SEARCH);
    let next = 0;
    let match: RegExpExecArray | null;
    while ((match = matchFrom(text, BEGIN_SEARCH, find, next)) !== null) {
      const putty = match[0].startsWith('PuTTY');
      const end = endAfter(text, match.index + match[0].length, putty);
      hits.push({ start: match.index, end, type: 'private_key' });
      next = end;
    }
  },
};
