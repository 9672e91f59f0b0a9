/**
 * Span attribute names that Tracegate writes for HTTP capture. Header names
 * follow the OpenTelemetry semantic conventions; body names follow the ones
 * other API agents already use, so existing backend queries keep working.
 */

/** Prefix of one attribute per captured request header (lower-case name). */
export const REQUEST_HEADER_PREFIX = 'http.request.header.';
/** Prefix of one attribute per captured response header (lower-case name). */
export const RESPONSE_HEADER_PREFIX = 'http.response.header.';

/** Names of the attributes written for one captured body. */
export interface BodyAttributeNames {
  /** The decoded, redacted body text. */
  body: string;
  /** Bytes seen on the wire (before decompression). */
  size: string;
  /** True when the captured text is not the whole body. */
  truncated: string;
  /** Why decoding stopped early: corrupt, decode_limit, charset, incomplete. */
  decodeProblem: string;
  /** Media type of a body that was seen but not captured. */
  skippedType: string;
}

function bodyAttributeNames(
  direction: 'request' | 'response',
): BodyAttributeNames {
  const base = `http.${direction}.body`;
  return {
    body: base,
    size: `${base}.size`,
    truncated: `${base}.truncated`,
    decodeProblem: `tracegate.http.${direction}.body.decode_problem`,
    skippedType: `tracegate.http.${direction}.body.skipped_content_type`,
  };
}

export const REQUEST_BODY = bodyAttributeNames('request');
export const RESPONSE_BODY = bodyAttributeNames('response');

/**
 * True when `http.request.body` contains the body as the app's framework parsed
 * it (for example Express's `req.body`), re-serialized as JSON.
 */
export const ATTR_REQUEST_BODY_PARSED = 'tracegate.http.request.body.parsed';

/** Sensitive data types that redaction found on this span (string array). */
export const ATTR_SENSITIVE_TYPES = 'tracegate.sensitive.types';
/** Locations of the sensitive types found, as `path=type` entries. */
export const ATTR_SENSITIVE_FIELDS = 'tracegate.sensitive.fields';
/** Internal capture steps that failed on this span; the app was unaffected. */
export const ATTR_CAPTURE_ERRORS = 'tracegate.capture.errors';
