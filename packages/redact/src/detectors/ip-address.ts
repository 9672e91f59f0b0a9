import { isIPv4, isIPv6 } from 'node:net';
import type { Detector, Hit } from './detector';
import { isAlphanumeric, isDigit } from './detector';

// Maximum length of a textual IPv6 address, with an embedded IPv4 part.
const MAX_IPV6_LENGTH = 45;

function isHex(code: number): boolean {
  return (
    isDigit(code) ||
    (code >= 0x41 && code <= 0x46) ||
    (code >= 0x61 && code <= 0x66)
  );
}

/** Returns whether a character continues a dotted or colon-separated number, so a candidate next to it is part of something longer. */
function extendsAddress(text: string, position: number, step: number): boolean {
  const code = text.charCodeAt(position);
  if (isAlphanumeric(code) || code === 0x5f) {
    return true;
  }
  // "1.2.3.4.5" (an OID) or "v1.2.3.4-rc" style neighbours.
  return (
    (code === 0x2e || code === 0x3a) &&
    isAlphanumeric(text.charCodeAt(position + step))
  );
}

function ipv4At(text: string, dot: number): Hit | undefined {
  let start = dot;
  while (start > dot - 3 && isDigit(text.charCodeAt(start - 1))) {
    start--;
  }
  if (start === dot || extendsAddress(text, start - 1, -1)) {
    return undefined;
  }
  let end = start;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (text.charCodeAt(end) !== 0x2e) {
        return undefined;
      }
      end++;
    }
    const partStart = end;
    while (end < partStart + 3 && isDigit(text.charCodeAt(end))) {
      end++;
    }
    if (end === partStart) {
      return undefined;
    }
  }
  if (extendsAddress(text, end, 1) || isDigit(text.charCodeAt(end))) {
    return undefined;
  }
  return isIPv4(text.slice(start, end))
    ? { start, end, type: 'ipv4' }
    : undefined;
}

/** Finds IPv4 addresses in dotted-decimal form that are not part of a longer dotted number or a version string. */
export const ipv4Address: Detector = {
  name: 'ipv4',
  types: ['ipv4'],
  scan(text: string, hits: Hit[]): void {
    let dot = text.indexOf('.');
    while (dot >= 0) {
      const hit = isDigit(text.charCodeAt(dot - 1))
        ? ipv4At(text, dot)
        : undefined;
      if (hit !== undefined) {
        hits.push(hit);
        dot = text.indexOf('.', hit.end);
      } else {
        dot = text.indexOf('.', dot + 1);
      }
    }
  },
};

function isIpv6Char(code: number): boolean {
  return isHex(code) || code === 0x3a || code === 0x2e;
}

/** Returns the range of hex digits, colons and dots around `colon`, bounded to the longest address. */
function ipv6Candidate(text: string, colon: number): [number, number] {
  let start = colon;
  while (
    start > colon - MAX_IPV6_LENGTH &&
    isIpv6Char(text.charCodeAt(start - 1))
  ) {
    start--;
  }
  let end = colon + 1;
  while (end < start + MAX_IPV6_LENGTH && isIpv6Char(text.charCodeAt(end))) {
    end++;
  }
  // A trailing dot or colon ends a sentence or a label, not the address.
  while (end > colon + 1 && text.charCodeAt(end - 1) === 0x2e) {
    end--;
  }
  return [start, end];
}

function ipv6At(text: string, start: number, end: number): boolean {
  // The neighbours reject most candidates, such as the time in an ISO
  // timestamp, before a copy of the candidate is made.
  const isDelimited =
    !isAlphanumeric(text.charCodeAt(start - 1)) &&
    !isAlphanumeric(text.charCodeAt(end)) &&
    text.charCodeAt(start - 1) !== 0x3a &&
    text.charCodeAt(end) !== 0x3a;
  if (!isDelimited) {
    return false;
  }
  const candidate = text.slice(start, end);
  return /[0-9]/.test(candidate) && isIPv6(candidate);
}

// Every IPv6 address has two colons at most four hex digits apart, which
// JSON keys and most prose do not. Starting with ':' lets the search skip
// ahead quickly.
const CANDIDATE = /:[0-9A-Fa-f]{0,4}:/g;

/** Finds IPv6 addresses in any textual form that Node's `net.isIPv6` accepts and that contain a digit. */
export const ipv6Address: Detector = {
  name: 'ipv6',
  types: ['ipv6'],
  needsSeparator: true,
  scan(text: string, hits: Hit[]): void {
    CANDIDATE.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = CANDIDATE.exec(text)) !== null) {
      const [start, end] = ipv6Candidate(text, match.index);
      if (ipv6At(text, start, end)) {
        hits.push({ start, end, type: 'ipv6' });
      }
      CANDIDATE.lastIndex = Math.max(end, match.index + 1);
    }
  },
};
