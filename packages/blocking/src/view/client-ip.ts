import { isIP } from 'node:net';
import forwardedParse from 'forwarded-parse';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';
import type { HeaderView } from '../types';

/** The header that trusted proxies write the client address chain to. */
export type ClientIpHeader = 'x-forwarded-for' | 'forwarded';

/** Options of client IP resolution. */
export interface ClientIpOptions {
  /**
   * Addresses, CIDR ranges and presets (`loopback`, `linklocal`,
   * `uniquelocal`) of the proxies in front of the service. Empty: the peer
   * address of the connection is the client.
   */
  trustedProxies?: readonly string[];
  /** The header read through trusted proxies. @default 'x-forwarded-for' */
  header?: ClientIpHeader;
}

/** Resolves the client IP of one request. */
export type ClientIpResolver = (
  peerAddress: string | undefined,
  headers: HeaderView,
) => string | undefined;

/**
 * Builds the client IP resolver. Invalid `trustedProxies` entries are left
 * out and described in `problems`.
 */
export function createClientIpResolver(options: ClientIpOptions = {}): {
  resolve: ClientIpResolver;
  problems: string[];
} {
  const problems: string[] = [];
  const valid = (options.trustedProxies ?? []).filter((entry) => {
    try {
      proxyaddr.compile([entry]);
      return true;
    } catch {
      problems.push(
        `trustedProxies entry ${JSON.stringify(entry)} is not an IP address, CIDR range or preset (loopback, linklocal, uniquelocal); it is ignored`,
      );
      return false;
    }
  });
  if (valid.length === 0) {
    return { resolve: (peer) => normalizeIp(peer), problems };
  }
  const trust = proxyaddr.compile(valid);
  const header = options.header ?? 'x-forwarded-for';
  const resolve: ClientIpResolver = (peer, headers) => {
    if (peer === undefined) return undefined;
    const chain =
      header === 'forwarded'
        ? forwardedChain(headers.forwarded)
        : firstText(headers['x-forwarded-for']);
    if (chain === undefined) return normalizeIp(peer);
    return normalizeIp(proxyaddr(requestShape(peer, chain), trust));
  };
  return { resolve, problems };
}

/** Request shape from which proxy-addr reads the address chain. */
function requestShape(peer: string, chain: string): never {
  const socket = { remoteAddress: peer };
  return {
    connection: socket,
    socket,
    headers: { 'x-forwarded-for': chain },
  } as never;
}

function firstText(
  value: string | readonly string[] | undefined,
): string | undefined {
  if (typeof value === 'string') return value;
  return value === undefined ? undefined : value.join(', ');
}

/**
 * Turns the `for` parameters of RFC 7239 Forwarded elements into an
 * X-Forwarded-For style list. An obfuscated (`_hidden`) or `unknown` node
 * stays in the list, so the trust walk stops there. A header that does not
 * parse counts as absent, so the peer address is the client.
 */
function forwardedChain(
  value: string | readonly string[] | undefined,
): string | undefined {
  const text = firstText(value);
  if (text === undefined) return undefined;
  let elements: Array<Record<string, string>>;
  try {
    elements = forwardedParse(text);
  } catch {
    return undefined;
  }
  const nodes = elements
    .map((element) => element.for)
    .filter((node): node is string => node !== undefined)
    .map(stripPort);
  return nodes.length === 0 ? undefined : nodes.join(', ');
}

// RFC 7239 node syntax: an IPv6 address in brackets, or IPv4, either with
// an optional `:port`.
function stripPort(node: string): string {
  if (node.startsWith('[')) {
    const close = node.indexOf(']');
    return close < 0 ? node : node.slice(1, close);
  }
  const colon = node.indexOf(':');
  return colon < 0 ? node : node.slice(0, colon);
}

/**
 * Returns an address in its usual text form (an IPv4-mapped IPv6 address as
 * plain IPv4), or undefined when the value is no IP address.
 */
export function normalizeIp(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  // net.isIP is native and accepts IPv4 only as four decimal parts without
  // leading zeros, which is already the usual form. Every other input goes
  // through ipaddr.js, which also reads octal, hex and short IPv4 forms.
  if (isIP(address) === 4) return address;
  if (!ipaddr.isValid(address)) return undefined;
  return ipaddr.process(address).toString();
}
