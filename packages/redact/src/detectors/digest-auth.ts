import type { Detector, Hit } from './detector';
import {
  prefixedPattern,
  matchFrom,
  prefixFinder,
  scanWhile,
} from './detector';

const PATTERN = /(?<![A-Za-z0-9])digest[ \t]{1,16}/gi;
// 'gest' is searched rather than 'digest', because V8's indexOf stops at
// every occurrence of the first letter and 'g' is much rarer than 'd'.
const SEARCH = prefixedPattern(PATTERN, ['gest'], [2]);
// A Digest credential has about ten parameters of bounded size.
const MAX_PARAMETERS = 32;
const MAX_LENGTH = 8192;

function isTokenChar(code: number): boolean {
  // RFC 9110 tchar: visible ASCII except separators.
  return (
    code > 0x20 &&
    code < 0x7f &&
    !'()<>@,;:\\"/[]?={}'.includes(String.fromCharCode(code))
  );
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Returns the end of the quoted string that opens at `start`, or -1 when it is not closed. */
function quotedEnd(text: string, start: number, limit: number): number {
  let position = start + 1;
  while (position < limit) {
    const code = text.charCodeAt(position);
    if (code === 0x5c) {
      position += 2;
    } else if (code === 0x22) {
      return position + 1;
    } else {
      position++;
    }
  }
  return -1;
}

interface Parameters {
  /** End of the last complete parameter. */
  end: number;
  names: Set<string>;
}

/** Reads `name=value` parameters separated by commas from `start`. */
function readParameters(text: string, start: number): Parameters {
  const limit = Math.min(text.length, start + MAX_LENGTH);
  const names = new Set<string>();
  let end = start;
  let position = start;
  while (names.size < MAX_PARAMETERS && position < limit) {
    const nameEnd = scanWhile(text, position, isTokenChar);
    if (nameEnd === position || text.charCodeAt(nameEnd) !== 0x3d) {
      break;
    }
    const valueStart = nameEnd + 1;
    const valueEnd =
      text.charCodeAt(valueStart) === 0x22
        ? quotedEnd(text, valueStart, limit)
        : scanWhile(text, valueStart, isTokenChar);
    if (valueEnd <= valueStart) {
      break;
    }
    names.add(text.slice(position, nameEnd).toLowerCase());
    end = valueEnd;
    position = scanWhile(text, valueEnd, isSpace);
    if (text.charCodeAt(position) !== 0x2c) {
      break;
    }
    position = scanWhile(text, position + 1, isSpace);
  }
  return { end, names };
}

/** Finds Digest credentials (RFC 7616): `Digest` followed by parameters that include `username` and `response`. */
export const digestAuth: Detector = {
  name: 'digest_auth',
  types: ['digest_auth'],
  scan(text: string, hits: Hit[]): void {
    const find = prefixFinder(text, SEARCH);
    let next = 0;
    let match: RegExpExecArray | null;
    while ((match = matchFrom(text, SEARCH, find, next)) !== null) {
      const parameters = readParameters(text, match.index + match[0].length);
      const isCredential =
        parameters.names.has('username') && parameters.names.has('response');
      if (isCredential) {
        hits.push({
          start: match.index,
          end: parameters.end,
          type: 'digest_auth',
        });
      }
      // Text read as parameters cannot start another credential, and
      // skipping it keeps the scan linear.
      next = Math.max(match.index + 1, parameters.end);
    }
  },
  cutType(fragment: string, before: string): string | undefined {
    return /(?:^|[^A-Za-z0-9])digest[ \t]/i.test(before.slice(-MAX_LENGTH)) &&
      fragment !== ''
      ? 'digest_auth'
      : undefined;
  },
};
