import ipaddr from 'ipaddr.js';

// Host names that resolve to the machine itself or to a cloud metadata
// service on common systems and clouds.
const INTERNAL_NAMES = new Set([
  'localhost',
  'localhost.localdomain',
  'localhost4',
  'localhost4.localdomain4',
  'localhost6',
  'localhost6.localdomain6',
  'ip6-localhost',
  'ip6-loopback',
  'ipv6-localhost',
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
  'kubernetes.default',
  'kubernetes.default.svc',
  'localtest.me',
]);
// Suffixes of names that only resolve inside a machine or a cluster.
const INTERNAL_SUFFIXES = ['.localhost', '.internal', '.svc.cluster.local'];
// Public wildcard DNS services that resolve a name to the address inside
// it, such as 127.0.0.1.nip.io.
const WILDCARD_DNS =
  /^(?:.{0,100}?[.-])?((?:\d{1,3}[.-]){3}\d{1,3})\.(?:nip\.io|sslip\.io|xip\.io|localtest\.me)$/;
// Ranges of ipaddr.js that a server-side request should never reach.
const INTERNAL_RANGES = new Set([
  'unspecified',
  'broadcast',
  'loopback',
  'private',
  'linkLocal',
  'carrierGradeNat',
  'uniqueLocal',
  'reserved',
]);
// Schemes that reach local files or speak raw protocols to any port.
const DANGEROUS_SCHEMES = new Set([
  'file:',
  'gopher:',
  'dict:',
  'ldap:',
  'ldaps:',
  'tftp:',
  'jar:',
  'netdoc:',
  'phar:',
  'expect:',
  'php:',
  'sftp:',
]);
const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]{1,15}:/i;
const WEB_SCHEMES = new Set(['http:', 'https:', 'ftp:', 'ws:', 'wss:']);
// Bare names that mean the local machine whatever follows them.
const LOCAL_NAME = /localhost|localtest\.me|\.internal$|\.cluster\.local$/;
// A value without a scheme that still names a host: `localhost/`,
// `127.1:8080`, `[::1]/admin`.
const HOST_WITHOUT_SCHEME =
  /^(?:\[[0-9a-f:.]{2,50}\]|[a-z0-9][a-z0-9.-]{0,253})(?::\d{1,5})?(?:[/?#]|$)/i;
const NUMERIC_HOST = /^(?:0x[0-9a-f]{1,32}|\d{1,40})$/i;
const SCHEME_PREFIX = /^[a-z][a-z0-9+.-]{1,15}:\/\//i;
const ZONED_IPV6 = /^\[([0-9a-f:.]{2,50})%[^\]]{1,20}\]$/i;
const BRACKETED_HOST = /^\[[^\]]{0,60}\]/;
// Characters of every IPv4 notation ipaddr.js reads: decimal, octal, hex.
const IPV4_CHARACTERS = /^[0-9a-fx.]+$/i;

/** Returns whether an IPv4 or IPv6 address is in an internal range. */
function internalAddress(text: string): boolean {
  // Most hosts are names; skipping them avoids the cost of a parse error.
  if (!text.includes(':') && !IPV4_CHARACTERS.test(text)) {
    return false;
  }
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    address = ipaddr.parse(text);
  } catch {
    return false;
  }
  if (address.kind() === 'ipv6') {
    const v6 = address as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) {
      return internalAddress(v6.toIPv4Address().toString());
    }
    // AWS serves instance metadata on fd00:ec2::254, inside fc00::/7.
  }
  const range = address.range();
  // Only 0.0.0.0 itself reaches the local machine; the rest of 0.0.0.0/8
  // is not routable.
  if (range === 'unspecified' && address.kind() === 'ipv4') {
    return address.toString() === '0.0.0.0';
  }
  return INTERNAL_RANGES.has(range);
}

/**
 * Checks a dotless number beyond 32 bits by its low 32 bits, because
 * WHATWG URL rejects it but several HTTP clients truncate it that way.
 */
function overflowingNumber(host: string): boolean {
  if (!NUMERIC_HOST.test(host)) {
    return false;
  }
  const value = BigInt(host) & 0xffffffffn;
  const octets = [24n, 16n, 8n, 0n].map((shift) => (value >> shift) & 0xffn);
  return internalAddress(octets.join('.'));
}

function internalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[')) {
    return internalAddress(host.slice(1, -1));
  }
  if (INTERNAL_NAMES.has(host)) {
    return true;
  }
  if (INTERNAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
    return true;
  }
  const wildcard = WILDCARD_DNS.exec(host);
  if (wildcard !== null) {
    return internalAddress(wildcard[1].replace(/-/g, '.'));
  }
  return internalAddress(host);
}

function parse(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** Extracts the host of a URL that WHATWG URL could not parse. */
function rawHost(text: string): string {
  const afterScheme = text.replace(SCHEME_PREFIX, '');
  const authority = afterScheme.split(/[/?#]/, 1)[0] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return host.replace(/:\d{1,5}$/, '');
}

function classifyUrl(text: string): string | undefined {
  const url = parse(text);
  if (url === undefined) {
    const host = rawHost(text);
    // WHATWG URL rejects IPv6 zone ids (`[fe80::1%eth0]`); resolvers accept them.
    const zoned = ZONED_IPV6.exec(host);
    const internal =
      overflowingNumber(host) || (zoned !== null && internalAddress(zoned[1]));
    return internal ? 'ssrf.internal_host' : undefined;
  }
  if (DANGEROUS_SCHEMES.has(url.protocol)) {
    return 'ssrf.dangerous_scheme';
  }
  if (url.hostname !== '' && internalHost(url.hostname)) {
    return 'ssrf.internal_host';
  }
  return undefined;
}

/**
 * Classifies `value` as a server-side request forgery target. That is a
 * URL, or a host with a port or a path, naming a loopback, private,
 * link-local or cloud metadata address in any notation WHATWG URL accepts
 * (decimal, hex, octal, short IPv4, IPv4-mapped IPv6). It is also a URL
 * whose scheme reaches files or raw sockets. Never resolves or connects.
 */
export function detectSsrf(value: string): string | undefined {
  // NFKC folds look-alike digits and letters (`①②⑦.⓪.⓪.①`, `ⓛⓞⓒⓐⓛ`)
  // into ASCII, as IDNA processing in resolvers does.
  const trimmed = value.trim();
  const text = /[^\0-\x7f]/.test(trimmed) ? trimmed.normalize('NFKC') : trimmed;
  if (text.length < 3 || !/[:./]/.test(text)) {
    return undefined;
  }
  const scheme = URL_WITH_SCHEME.exec(text)?.[0].toLowerCase();
  // A path must follow (`file:/`, `gopher://`): `File: report.pdf` is a label.
  const followedByPath = '/\\'.includes(text[scheme?.length ?? 0] ?? '_');
  if (scheme !== undefined && DANGEROUS_SCHEMES.has(scheme) && followedByPath) {
    return 'ssrf.dangerous_scheme';
  }
  // WHATWG URL also reads `http:host` without slashes for web schemes.
  if (
    text.includes('://') ||
    (scheme !== undefined && WEB_SCHEMES.has(scheme))
  ) {
    return classifyUrl(text);
  }
  return classifySchemeless(text);
}

function classifySchemeless(text: string): string | undefined {
  if (HOST_WITHOUT_SCHEME.exec(text) === null) {
    return undefined;
  }
  const name = text.toLowerCase().replace(/[/?#].*$/s, '');
  // A bare number or address is an id, a price or a version far more
  // often than a target, so without a scheme a port or path must follow,
  // except for names that only mean the local machine.
  const bare = !/[/?#:]/.test(text.replace(BRACKETED_HOST, ''));
  if (bare && !LOCAL_NAME.test(name)) {
    return undefined;
  }
  // Without a scheme, a host needs a dot, brackets or a local name:
  // `1/26/11` is a date, not host 0.0.0.1.
  if (!/[.[]/.test(name) && !LOCAL_NAME.test(name)) {
    return undefined;
  }
  return classifyUrl(`http://${text}`);
}

export const SSRF_PATTERNS: readonly RegExp[] = [
  WILDCARD_DNS,
  URL_WITH_SCHEME,
  LOCAL_NAME,
  HOST_WITHOUT_SCHEME,
  NUMERIC_HOST,
  SCHEME_PREFIX,
  ZONED_IPV6,
  BRACKETED_HOST,
  IPV4_CHARACTERS,
];
