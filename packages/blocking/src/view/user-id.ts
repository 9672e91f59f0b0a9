import type { HeaderView } from '../types';

/**
 * Source of the user id. It identifies the user for filters and the
 * audit trail and is never verified: a JWT's signature is not checked, so
 * a client can claim any id. Use it for rate limiting and attribution, not
 * for authentication.
 */
export interface UserIdOptions {
  /** A request header (or gRPC metadata key) whose value is the user id. */
  header?: string;
  /** A claim of the Bearer JWT in the Authorization header, such as `sub`. */
  jwtClaim?: string;
}

/** Maximum characters of a user id; longer values are cut. */
export const MAX_USER_ID_CHARS = 256;

// A JWT payload larger than this is not decoded, so a huge token costs
// nothing beyond reading its length.
const MAX_JWT_PAYLOAD_CHARS = 8192;

const BEARER =
  /^Bearer +([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/i;

/** Reads the user id of one request from its headers. */
export type UserIdReader = (headers: HeaderView) => string | undefined;

/** Builds the user id reader; the header wins when both options are set. */
export function createUserIdReader(
  options: UserIdOptions = {},
): UserIdReader | undefined {
  const header = options.header?.trim().toLowerCase();
  const claim = options.jwtClaim;
  if (header !== undefined && header !== '') {
    return (headers) => clip(first(headers[header])?.trim());
  }
  if (claim !== undefined && claim !== '') {
    return (headers) => readClaim(first(headers.authorization), claim);
  }
  return undefined;
}

function first(
  value: string | readonly string[] | undefined,
): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}

function clip(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  return value.slice(0, MAX_USER_ID_CHARS);
}

function readClaim(
  authorization: string | undefined,
  claim: string,
): string | undefined {
  if (authorization === undefined) return undefined;
  const match = BEARER.exec(authorization.trim());
  const payload = match?.[2];
  if (payload === undefined || payload.length > MAX_JWT_PAYLOAD_CHARS) {
    return undefined;
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null) return undefined;
  if (!Object.hasOwn(claims, claim)) return undefined;
  const value = (claims as Record<string, unknown>)[claim];
  if (typeof value === 'string') return clip(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
