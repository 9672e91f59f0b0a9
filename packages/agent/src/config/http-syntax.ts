import { z } from 'zod';

// Token characters of RFC 9110 section 5.6.2, without `*`, which a media
// range reserves for wildcards.
const TCHAR_NO_STAR = "[!#$%&'+.^_`|~0-9a-z-]";

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;
const MEDIA_RANGE = new RegExp(
  `^${TCHAR_NO_STAR}+/(?:\\*|\\*\\+${TCHAR_NO_STAR}+|${TCHAR_NO_STAR}+)$`,
);
// Field values may hold visible ASCII, space, tab and obs-text, never CR, LF or
// NUL.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Header name: an RFC 9110 token, lower-cased, and never `__proto__`. */
export const headerNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(HEADER_NAME)
  // A header map is a plain object, where this name would replace the
  // prototype.
  .refine((name) => name !== '__proto__');

/** Header value without CR, LF or NUL, trimmed. */
export const headerValueSchema = z.string().trim().regex(HEADER_VALUE);

/**
 * Media range as the body capture matches it: `type/subtype`, `type/*` or
 * `type/*+suffix`.
 */
export const mediaRangeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(MEDIA_RANGE);

/**
 * Key name of a body field for the redactor, which may be any non-blank text.
 */
export const fieldNameSchema = z.string().trim().min(1);
