import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** A parsed address: IPv4 as a 32-bit number, IPv6 as 32 hex digits. */
export type ParsedAddress =
  | { readonly kind: 'ipv4'; readonly value: number }
  | { readonly kind: 'ipv6'; readonly hex: string };

/**
 * Parses a client address the way the filters compare it: an IPv4-mapped
 * IPv6 address (`::ffff:10.0.0.1`) becomes the IPv4 address, and an IPv6
 * zone (`%eth0`) is dropped. Returns undefined for anything that is not an
 * IPv4 address in dotted-decimal form or an IPv6 address, as Node's
 * `net.isIP` decides.
 */
export function parseAddress(text: string): ParsedAddress | undefined {
  // The IP filter and the rate limit key parse the same client address of
  // one request, and calls on one connection repeat it, so the last result
  // is kept. The result is frozen, so sharing it is safe.
  if (text === lastParsed.text) return lastParsed.address;
  const address = parseAddressUncached(text);
  lastParsed = { text, address };
  return address;
}

let lastParsed: { text: string; address: ParsedAddress | undefined } = {
  text: '',
  address: undefined,
};

function parseAddressUncached(text: string): ParsedAddress | undefined {
  // net.isIP is native and picks the family, so ipaddr.js parses only once
  // (its own `process` tries both families and costs several times more).
  switch (isIP(text)) {
    case 4:
      return fromIpaddr(ipaddr.IPv4.parse(text));
    case 6: {
      const address = ipaddr.IPv6.parse(text);
      return fromIpaddr(
        address.isIPv4MappedAddress() ? address.toIPv4Address() : address,
      );
    }
    default:
      return undefined;
  }
}

function fromIpaddr(address: ipaddr.IPv4 | ipaddr.IPv6): ParsedAddress {
  if (address.kind() === 'ipv4') {
    const [a, b, c, d] = (address as ipaddr.IPv4).octets;
    return Object.freeze({
      kind: 'ipv4',
      value: ((a << 24) | (b << 16) | (c << 8) | d) >>> 0,
    });
  }
  const hex = (address as ipaddr.IPv6).parts
    .map((part) => part.toString(16).padStart(4, '0'))
    .join('');
  return Object.freeze({ kind: 'ipv6', hex });
}

/** A range as configured, split into its parsed form and prefix length. */
export interface ParsedRange {
  readonly address: ParsedAddress;
  readonly prefix: number;
}

/**
 * Parses one configured entry: an address (a /32 or /128 range) or a CIDR
 * range. IPv4 must be written as four decimal parts, so `010.0.0.1` cannot
 * be read as octal. An IPv4-mapped IPv6 range of /96 or longer becomes the
 * IPv4 range it covers. Returns undefined when the entry is invalid.
 */
export function parseRange(text: string): ParsedRange | undefined {
  const slash = text.indexOf('/');
  const host = slash === -1 ? text : text.slice(0, slash);
  if (ipaddr.IPv4.isValid(host) && !ipaddr.IPv4.isValidFourPartDecimal(host)) {
    return undefined;
  }
  if (slash === -1) {
    if (!ipaddr.isValid(text)) return undefined;
    const address = ipaddr.parse(text);
    return fromParsedCidr(address, address.kind() === 'ipv4' ? 32 : 128);
  }
  if (!/^\d{1,3}$/.test(text.slice(slash + 1)) || !ipaddr.isValidCIDR(text)) {
    return undefined;
  }
  const [address, prefix] = ipaddr.parseCIDR(text);
  return fromParsedCidr(address, prefix);
}

function fromParsedCidr(
  address: ipaddr.IPv4 | ipaddr.IPv6,
  prefix: number,
): ParsedRange {
  if (
    address.kind() === 'ipv6' &&
    prefix >= 96 &&
    (address as ipaddr.IPv6).isIPv4MappedAddress()
  ) {
    const ipv4 = (address as ipaddr.IPv6).toIPv4Address();
    return { address: fromIpaddr(ipv4), prefix: prefix - 96 };
  }
  return { address: fromIpaddr(address), prefix };
}

/** A trie node per hex digit (4 bits) of an address. */
interface TrieNode {
  children?: Array<TrieNode | undefined>;
  label?: string;
  /** Prefix length of the range that set `label`. */
  labelPrefix?: number;
}

/** Returns the value of a lower-case hex digit. */
function nibbleAt(hex: string, index: number): number {
  const code = hex.charCodeAt(index);
  return code <= 57 ? code - 48 : code - 87;
}

function childOf(node: TrieNode, nibble: number): TrieNode {
  node.children ??= new Array<TrieNode | undefined>(16);
  let child = node.children[nibble];
  if (child === undefined) {
    child = {};
    node.children[nibble] = child;
  }
  return child;
}

function setLabel(node: TrieNode, label: string, prefix: number): void {
  // Expanded ranges can share a node; the longer prefix is the better match.
  if (node.labelPrefix !== undefined && node.labelPrefix > prefix) return;
  node.label = label;
  node.labelPrefix = prefix;
}

/**
 * A trie over the hex digits of addresses of one family. A prefix length
 * that is not a multiple of 4 is expanded into the 2 to 8 digit values it
 * covers. So a lookup walks at most one node per digit (8 for IPv4, 32 for
 * IPv6), and it stops at the first digit that no range continues with.
 */
class NibbleTrie {
  private readonly root: TrieNode = {};

  insert(hex: string, prefix: number, label: string): void {
    const whole = prefix >> 2;
    const rest = prefix & 3;
    let node = this.root;
    for (let index = 0; index < whole; index += 1) {
      node = childOf(node, nibbleAt(hex, index));
    }
    if (rest === 0) {
      setLabel(node, label, prefix);
      return;
    }
    const first = nibbleAt(hex, whole) & ((0xf << (4 - rest)) & 0xf);
    for (let offset = 0; offset < 1 << (4 - rest); offset += 1) {
      setLabel(childOf(node, first + offset), label, prefix);
    }
  }

  /** Returns the label of the longest range that contains `hex`. */
  match(hex: string): string | undefined {
    let node: TrieNode | undefined = this.root;
    let found = node.label;
    for (let index = 0; index < hex.length; index += 1) {
      node = node.children?.[nibbleAt(hex, index)];
      if (node === undefined) break;
      if (node.label !== undefined) found = node.label;
    }
    return found;
  }
}

function ipv4Hex(value: number): string {
  return value.toString(16).padStart(8, '0');
}

/**
 * A set of IPv4 and IPv6 ranges. A lookup costs at most 8 (IPv4) or 32
 * (IPv6) steps, whatever the number of ranges.
 */
export class CidrSet {
  private readonly ipv4 = new NibbleTrie();
  private readonly ipv6 = new NibbleTrie();
  private count = 0;

  /** Number of ranges added. */
  get size(): number {
    return this.count;
  }

  /** Adds a range; `match` returns `label` for addresses inside it. */
  add(range: ParsedRange, label: string): void {
    const { address, prefix } = range;
    if (address.kind === 'ipv4') {
      this.ipv4.insert(ipv4Hex(address.value), prefix, label);
    } else {
      this.ipv6.insert(address.hex, prefix, label);
    }
    this.count += 1;
  }

  /** Returns the label of the longest range that contains `address`. */
  match(address: ParsedAddress): string | undefined {
    return address.kind === 'ipv4'
      ? this.ipv4.match(ipv4Hex(address.value))
      : this.ipv6.match(address.hex);
  }
}
