/** Mask type used when a value could not be redacted and is withheld whole. */
export const UNPARSED_TYPE = 'unparsed';

// A whole mask written by this package, in any of its three forms.
const MASK_TOKEN =
  /^\[(?:REDACTED:[a-z0-9_.-]{1,64}(?::\.\.\.[A-Za-z0-9]{1,8})?|HASH:[a-z0-9_.-]{1,64}:[0-9a-f]{8,64})\]$/;

const MAX_TYPE_LENGTH = 64;

/** Returns the text that replaces a masked value, for example `[REDACTED:email]`. */
export function mask(type: string): string {
  return `[REDACTED:${type}]`;
}

/** Returns the mask of the `partial` action, for example `[REDACTED:credit_card:...4242]`. */
export function partialMask(type: string, kept: string): string {
  return `[REDACTED:${type}:...${kept}]`;
}

/** Returns the mask of the `hash` action, for example `[HASH:email:3f9a0c1d2e4b5a69]`. */
export function hashMask(type: string, hex: string): string {
  return `[HASH:${type}:${hex}]`;
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

/** Returns whether a value is exactly one mask written by this package. */
export function isMaskToken(value: string): boolean {
  return value.length <= 160 && value.startsWith('[') && MASK_TOKEN.test(value);
}
