// Keys kept in a location as written: names, `user[$ne]`, `a.b`. Other
// keys may carry the payload itself (`?<script>=1`), so they are written
// as `*` to keep findings free of request values.
const PLAIN_KEY = /^[A-Za-z0-9_$.[\]-]{1,64}$/;
// The characters of PLAIN_KEY as a table, which is faster than the pattern
// on the path that every key takes.
const PLAIN_KEY_CHARS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  PLAIN_KEY_CHARS[code] = PLAIN_KEY.test(String.fromCharCode(code)) ? 1 : 0;
}

function isPlainKey(key: string): boolean {
  if (key.length === 0 || key.length > 64) {
    return false;
  }
  for (let index = 0; index < key.length; index++) {
    const code = key.charCodeAt(index);
    if (code >= 128 || PLAIN_KEY_CHARS[code] === 0) {
      return false;
    }
  }
  return true;
}

/** Appends an object key or array index to a location. */
export function childLocation(parent: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${parent}[${key}]`;
  }
  return `${parent}.${isPlainKey(key) ? key : '*'}`;
}

export const LOCATION_PATTERNS: readonly RegExp[] = [PLAIN_KEY];
