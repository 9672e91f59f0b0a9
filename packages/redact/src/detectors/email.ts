import type { Detector, Hit } from './detector';
import { isAlphanumeric, isLetter } from './detector';

const MAX_LOCAL_LENGTH = 64;
const MAX_LABEL_LENGTH = 63;
const MAX_LABELS = 127;

// RFC 5322 atext plus the dot and the apostrophe (as in o'neil).
const LOCAL_SYMBOLS = "_%+!#$*^`{|}~-'.";

// The symbols of LOCAL_SYMBOLS by character code, all of them ASCII.
const IS_LOCAL_SYMBOL = new Uint8Array(128);
for (let i = 0; i < LOCAL_SYMBOLS.length; i++) {
  IS_LOCAL_SYMBOL[LOCAL_SYMBOLS.charCodeAt(i)] = 1;
}

function isLocalChar(code: number): boolean {
  return isAlphanumeric(code) || (code < 128 && IS_LOCAL_SYMBOL[code] === 1);
}

/** Returns the offset of the last ".." inside text[start, end), or -1. */
function lastDoubleDot(text: string, start: number, end: number): number {
  for (let i = end - 2; i >= start; i--) {
    if (text.charCodeAt(i) === 0x2e && text.charCodeAt(i + 1) === 0x2e) {
      return i;
    }
  }
  return -1;
}

function isLabelChar(code: number): boolean {
  return isAlphanumeric(code) || code === 0x2d;
}

/** Returns the start of the local part that ends before `at`, or -1. */
function localStart(text: string, at: number): number {
  let start = at;
  while (
    start > at - MAX_LOCAL_LENGTH &&
    isLocalChar(text.charCodeAt(start - 1))
  ) {
    start--;
  }
  if (isLocalChar(text.charCodeAt(start - 1))) {
    // The run is longer than a local part may be. An address may still
    // start after a dot or apostrophe inside it, as in "notes.jane@x.com".
    const cut = text.slice(start, at).search(/[.'][^.']/);
    if (cut < 0) {
      return -1;
    }
    start += cut + 1;
  }
  // A dot or apostrophe cannot start the local part.
  while (
    start < at &&
    (text.charCodeAt(start) === 0x2e || text.charCodeAt(start) === 0x27)
  ) {
    start++;
  }
  return start < at ? start : -1;
}

/** Returns the end of the domain that starts at `start`, or -1. */
function domainEnd(text: string, start: number): number {
  let position = start;
  let labels = 0;
  let lastLabelStart: number;
  for (;;) {
    let end = position;
    while (end < text.length && isLabelChar(text.charCodeAt(end))) {
      end++;
    }
    const length = end - position;
    if (length === 0 || length > MAX_LABEL_LENGTH) {
      return -1;
    }
    if (
      text.charCodeAt(position) === 0x2d ||
      text.charCodeAt(end - 1) === 0x2d
    ) {
      return -1;
    }
    labels++;
    lastLabelStart = position;
    const continues =
      text.charCodeAt(end) === 0x2e && isLabelChar(text.charCodeAt(end + 1));
    if (!continues || labels === MAX_LABELS) {
      return labels >= 2 && isTopLevelLabel(text, lastLabelStart, end)
        ? end
        : -1;
    }
    position = end + 1;
  }
}

function isTopLevelLabel(text: string, start: number, end: number): boolean {
  if (end - start < 2) {
    return false;
  }
  for (let i = start; i < end; i++) {
    if (!isLetter(text.charCodeAt(i))) {
      return false;
    }
  }
  return true;
}

function emailAt(text: string, at: number): Hit | undefined {
  let start = localStart(text, at);
  if (start < 0 || text.charCodeAt(at - 1) === 0x2e) {
    return undefined;
  }
  // "x..jane@example.com" is not one address, but "jane@example.com" in it is.
  const doubleDot = lastDoubleDot(text, start, at);
  if (doubleDot >= 0) {
    start = doubleDot + 2;
  }
  const end = domainEnd(text, at + 1);
  return end < 0 ? undefined : { start, end, type: 'email' };
}

/** Finds e-mail addresses with a dotted domain and an alphabetic top-level label. */
export const email: Detector = {
  name: 'email',
  types: ['email'],
  // Every address contains '@', which indexOf finds far faster than a
  // pattern that tries each word as a local part.
  scan(text: string, hits: Hit[]): void {
    let at = text.indexOf('@');
    while (at >= 0) {
      const hit = emailAt(text, at);
      at = text.indexOf('@', hit === undefined ? at + 1 : hit.end);
      if (hit !== undefined) {
        hits.push(hit);
      }
    }
  },
  cutType(fragment: string): string | undefined {
    return /^[^@\s]+@/.test(fragment) ? 'email' : undefined;
  },
};
