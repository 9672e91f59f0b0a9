// Keys kept in a location as written: names, `user[$ne]`, `a.b`. Other
// keys may carry the payload itself (`?<script>=1`), so they are written
// as `*` to keep findings free of request values.
const PLAIN_KEY = /^[A-Za-z0-9_$.[\]-]{1,64}$/;

/** Appends an object key or array index to a location. */
export function childLocation(parent: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${parent}[${key}]`;
  }
  return `${parent}.${PLAIN_KEY.test(key) ? key : '*'}`;
}

export const LOCATION_PATTERNS: readonly RegExp[] = [PLAIN_KEY];
