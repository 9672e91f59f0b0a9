import { isIP } from 'node:net';

/**
 * Returns the IP address in a gRPC peer string, or undefined when there is
 * none. grpc-js 1.10 to 1.14 write `1.2.3.4:port` and, for IPv6, the
 * address and port without brackets (`::1:port`). gRPC's C core writes
 * `ipv4:1.2.3.4:port` and `ipv6:[::1]:port`. Unix sockets (`unix:/path`)
 * and grpc-js's `unknown` have no IP address.
 */
export function peerIp(peer: unknown): string | undefined {
  if (typeof peer !== 'string') return undefined;
  // Calls on one connection repeat the peer string, so the last result is
  // kept.
  if (peer !== lastPeer.peer) lastPeer = { peer, ip: parsePeer(peer) };
  return lastPeer.ip;
}

let lastPeer: { peer: string; ip: string | undefined } = {
  peer: '',
  ip: undefined,
};

function parsePeer(peer: string): string | undefined {
  const address = peer.replace(/^ipv[46]:/, '');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed !== null) {
    return isIP(bracketed[1]) === 6 ? bracketed[1] : undefined;
  }
  // The port comes last, so removing it first also reads an IPv6 address
  // that grpc-js wrote without brackets.
  const withoutPort = address.replace(/:\d+$/, '');
  if (isIP(withoutPort) !== 0) return withoutPort;
  return isIP(address) !== 0 ? address : undefined;
}
