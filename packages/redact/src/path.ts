const PLAIN_KEY = /^[A-Za-z_$@][\w$@:-]*$/;
const MAX_KEY_LENGTH = 64;
/** Maximum number of segments that a path keeps; {@link joinPath} shortens longer paths. */
export const MAX_SEGMENTS = 32;
const KEPT_AT_EACH_END = MAX_SEGMENTS / 2;

/** Formats an object key as a path segment: `.name`, or `["odd key"]` when it needs quoting. */
export function keySegment(key: string): string {
  const shortened =
    key.length > MAX_KEY_LENGTH ? `${key.slice(0, MAX_KEY_LENGTH)}...` : key;
  return PLAIN_KEY.test(shortened)
    ? `.${shortened}`
    : `[${JSON.stringify(shortened)}]`;
}

/** Formats an array index as a path segment, `[3]`. */
export function indexSegment(index: number): string {
  return `[${index}]`;
}

/**
 * Joins a prefix and the segments of a path into a finding path. A deep path
 * keeps only its first and last segments, so reporting costs the same at any
 * depth.
 */
export function joinPath(
  prefix: string,
  count: number,
  segmentAt: (index: number) => string,
): string {
  let path = prefix;
  if (count <= MAX_SEGMENTS) {
    for (let i = 0; i < count; i++) {
      path += segmentAt(i);
    }
    return path;
  }
  for (let i = 0; i < KEPT_AT_EACH_END; i++) {
    path += segmentAt(i);
  }
  path += '[...]';
  for (let i = count - KEPT_AT_EACH_END; i < count; i++) {
    path += segmentAt(i);
  }
  return path;
}
