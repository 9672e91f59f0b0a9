import type { Detector, Hit } from './detector';
import { isAlphanumeric } from './detector';

const MAX_USERINFO_LENGTH = 512;

function endsUserInfo(code: number): boolean {
  return (
    code <= 0x20 ||
    code === 0x2f ||
    code === 0x3f ||
    code === 0x23 ||
    code === 0x22 ||
    code === 0x27 ||
    code === 0x3c ||
    code === 0x3e
  );
}

function hasScheme(text: string, colon: number): boolean {
  return colon > 0 && isAlphanumeric(text.charCodeAt(colon - 1));
}

/** Returns the password range of the user information after `://`, or undefined. */
function passwordAfter(
  text: string,
  authority: number,
): [number, number] | undefined {
  const limit = Math.min(text.length, authority + MAX_USERINFO_LENGTH);
  let end = authority;
  let at = -1;
  while (end < limit && !endsUserInfo(text.charCodeAt(end))) {
    if (text.charCodeAt(end) === 0x40) {
      at = end;
    }
    end++;
  }
  if (at < 0) {
    return undefined;
  }
  const colon = text.indexOf(':', authority);
  return colon >= 0 && colon < at - 1 ? [colon + 1, at] : undefined;
}

/** Finds the password in URLs written with credentials, `scheme://user:password@host`, as in connection strings. */
export const urlCredentials: Detector = {
  name: 'url_credentials',
  types: ['password'],
  needsSeparator: true,
  scan(text: string, hits: Hit[]): void {
    let slashes = text.indexOf('://');
    while (slashes >= 0) {
      const password = hasScheme(text, slashes)
        ? passwordAfter(text, slashes + 3)
        : undefined;
      if (password !== undefined) {
        hits.push({ start: password[0], end: password[1], type: 'password' });
      }
      slashes = text.indexOf('://', slashes + 3);
    }
  },
};
