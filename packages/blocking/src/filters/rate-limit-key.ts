import { createHash } from 'node:crypto';
import type { RequestView } from '../types';
import { parseAddress } from './cidr-set';
import type { RateLimit } from './rate-limit-options';
import type { RequestPath } from './request-path';

/** Longer key parts are hashed, so a long path costs bounded store memory. */
const MAX_KEY_PART_CHARS = 128;

/**
 * Returns the client part of an IP key. IPv6 clients count by their /64
 * network, because a provider usually assigns a whole /64 to one
 * subscriber, who could otherwise rotate addresses to get a fresh bucket
 * per request.
 */
function ipPart(clientIp: string | undefined): string | undefined {
  if (clientIp === undefined) return undefined;
  const address = parseAddress(clientIp);
  if (address === undefined) return undefined;
  if (address.kind === 'ipv6') return `${address.hex.slice(0, 16)}/64`;
  const { value } = address;
  return [
    value >>> 24,
    (value >>> 16) & 255,
    (value >>> 8) & 255,
    value & 255,
  ].join('.');
}

function clientPart(
  limit: RateLimit,
  view: RequestView,
  path: () => RequestPath,
): string | undefined {
  switch (limit.by) {
    case 'ip':
      return ipPart(view.clientIp);
    case 'user':
      return view.userId === undefined || view.userId === ''
        ? undefined
        : `user:${view.userId}`;
    case 'route':
      return `${view.method.toUpperCase()} ${view.route ?? path().text}`;
  }
}

/**
 * Builds the store key of a request for one limit, or returns undefined
 * when the request has nothing to count by (no client IP, no user id).
 */
export function rateLimitKey(
  limit: RateLimit,
  view: RequestView,
  path: () => RequestPath,
): string | undefined {
  const part = clientPart(limit, view, path);
  if (part === undefined) return undefined;
  const bounded =
    part.length <= MAX_KEY_PART_CHARS
      ? part
      : `sha256:${createHash('sha256').update(part).digest('base64url')}`;
  return `${limit.keyPrefix}${limit.name}:${bounded}`;
}
