/** Mask type used when a value could not be redacted and is withheld whole. */
export const UNPARSED_TYPE = 'unparsed';

const MAX_TYPE_LENGTH = 64;

/** Returns the text that replaces a masked value, for example `[REDACTED:email]`. */
export function mask(type: string): string {
  return `[REDACTED:${type}]`;
}

/** Converts a header name or key into a type name that is safe inside a mask. */
export function toMaskType(name: string): string {
  // Keys come from request data, so anything that could end the mask early
  // or make it unreadable is replaced.
  const cleaned = name
    .slice(0, MAX_TYPE_LENGTH)
    .toLowerCase()
    .replace(/[^a-z0-9_.-]/g, '_');
  return cleaned === '' ? 'key' : cleaned;
}
