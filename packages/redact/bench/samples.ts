/** A source of numbers in [0, 1), seeded so every run builds the same values. */
export type Random = () => number;

/** Returns a deterministic generator (mulberry32) for a 32-bit seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns an integer from `min` to `max`, both included. */
export function integer(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Returns one element of `items`. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[integer(random, 0, items.length - 1)];
}

/** Returns `count` characters drawn from `alphabet`. */
export function characters(
  random: Random,
  alphabet: string,
  count: number,
): string {
  let text = '';
  for (let i = 0; i < count; i++) {
    text += alphabet[integer(random, 0, alphabet.length - 1)];
  }
  return text;
}

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const ALPHANUMERIC = UPPER + LOWER + DIGITS;
const BASE64 = `${ALPHANUMERIC}+/`;
const BASE64URL = `${ALPHANUMERIC}-_`;
const HEX = '0123456789abcdef';

/** A planted sensitive value: the text placed in a payload and the part of it that must not survive. */
export interface Secret {
  readonly type: string;
  /** Text placed in the payload, with any context it needs. */
  readonly text: string;
  /** The part that must not appear in redacted output. */
  readonly secret: string;
}

function secret(type: string, text: string, value = text): Secret {
  return { type, text, secret: value };
}

function luhnDigit(body: string): string {
  let sum = 0;
  let double = true;
  for (let i = body.length - 1; i >= 0; i--) {
    let digit = body.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) {
        digit -= 9;
      }
    }
    sum += digit;
    double = !double;
  }
  return String((10 - (sum % 10)) % 10);
}

// Brand prefixes and lengths of real card number ranges.
const CARD_RANGES: ReadonlyArray<readonly [string, number]> = [
  ['4', 16],
  ['4', 13],
  ['51', 16],
  ['55', 16],
  ['2221', 16],
  ['2720', 16],
  ['34', 15],
  ['37', 15],
  ['6011', 16],
  ['65', 16],
  ['36', 14],
  ['3528', 16],
  ['62', 16],
  ['6304', 16],
];

function groupCard(digits: string, separator: string): string {
  if (digits.length === 15) {
    return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].join(
      separator,
    );
  }
  return digits.match(/.{1,4}/g)?.join(separator) ?? digits;
}

/** Returns a card number with a real brand prefix and a valid Luhn digit, plain or grouped. */
export function cardNumber(random: Random): string {
  const [prefix, length] = pick(random, CARD_RANGES);
  let body = prefix + characters(random, DIGITS, length - prefix.length - 1);
  // A body of one repeated digit is rejected by design, as no issuer uses it.
  if (/^(\d)\1*$/.test(body)) {
    body = `${body.slice(0, -1)}${(Number(body.slice(-1)) + 1) % 10}`;
  }
  const digits = body + luhnDigit(body);
  return pick(random, [digits, groupCard(digits, ' '), groupCard(digits, '-')]);
}

function ssnDigits(random: Random): string {
  let area = integer(random, 1, 899);
  if (area === 666) {
    area = 667;
  }
  const group = integer(random, 1, 99);
  const serial = integer(random, 1, 9999);
  return `${String(area).padStart(3, '0')}-${String(group).padStart(2, '0')}-${String(serial).padStart(4, '0')}`;
}

function ibanCheckDigits(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`;
  let remainder = 0;
  for (const character of rearranged) {
    const code = character.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : character;
    for (const digit of value) {
      remainder = (remainder * 10 + Number(digit)) % 97;
    }
  }
  return String(98 - remainder).padStart(2, '0');
}

// BBAN layouts of registry countries whose BBAN has no national check
// digit of its own: letters (a) and digits (n).
const IBAN_LAYOUTS: ReadonlyArray<readonly [string, string]> = [
  ['DE', 'nnnnnnnnnnnnnnnnnn'],
  ['GB', 'aaaannnnnnnnnnnnnn'],
  ['NL', 'aaaannnnnnnnnn'],
  ['IE', 'aaaannnnnnnnnnnnnn'],
  ['DK', 'nnnnnnnnnnnnnn'],
];

/** Returns an IBAN with valid mod-97 check digits, electronic or grouped by four. */
export function ibanNumber(random: Random): string {
  const [country, layout] = pick(random, IBAN_LAYOUTS);
  let bban = '';
  for (const kind of layout) {
    bban +=
      kind === 'a'
        ? characters(random, UPPER, 1)
        : characters(random, DIGITS, 1);
  }
  const iban = country + ibanCheckDigits(country, bban) + bban;
  return random() < 0.5 ? iban : (iban.match(/.{1,4}/g) ?? [iban]).join(' ');
}

function nanpNumber(random: Random): [string, string, string] {
  let area = `${integer(random, 2, 9)}${integer(random, 0, 8)}${integer(random, 0, 9)}`;
  // N11 codes are service numbers (411, 911), not area codes.
  if (area.endsWith('11')) {
    area = `${area[0]}12`;
  }
  let exchange = `${integer(random, 2, 9)}${characters(random, DIGITS, 2)}`;
  if (exchange.endsWith('11')) {
    exchange = `${exchange[0]}12`;
  }
  return [area, exchange, characters(random, DIGITS, 4)];
}

/** Returns a phone number in an international or North American format. */
export function phoneNumber(random: Random): string {
  const [area, exchange, line] = nanpNumber(random);
  return pick(random, [
    `+1${area}${exchange}${line}`,
    `+1 ${area} ${exchange} ${line}`,
    `(${area}) ${exchange}-${line}`,
    `${area}-${exchange}-${line}`,
    `+44 20 ${characters(random, DIGITS, 4)} ${characters(random, DIGITS, 4)}`,
    `+49 30 ${characters(random, DIGITS, 7)}`,
    `+33 1 ${characters(random, DIGITS, 2)} ${characters(random, DIGITS, 2)} ${characters(random, DIGITS, 2)} ${characters(random, DIGITS, 2)}`,
  ]);
}

function base64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** Returns a JSON Web Token with a random payload and signature. */
export function jsonWebToken(random: Random): string {
  const header = base64Url(
    JSON.stringify({
      alg: pick(random, ['HS256', 'RS256', 'ES256']),
      typ: 'JWT',
    }),
  );
  const payload = base64Url(
    JSON.stringify({
      sub: characters(random, DIGITS, 8),
      iat: integer(random, 1e9, 2e9),
    }),
  );
  return `${header}.${payload}.${characters(random, BASE64URL, 43)}`;
}

function mixedToken(random: Random, alphabet: string, length: number): string {
  // One upper case letter, one lower case letter and one digit at least,
  // as random tokens of this length nearly always have.
  const body = characters(random, alphabet, length - 3);
  return `${characters(random, UPPER, 1)}${body}${characters(random, LOWER, 1)}${characters(random, DIGITS, 1)}`;
}

const SECRET_GENERATORS: Record<string, (random: Random) => Secret> = {
  credit_card: (random) => secret('credit_card', cardNumber(random)),
  us_ssn: (random) => secret('us_ssn', ssnDigits(random)),
  iban: (random) => secret('iban', ibanNumber(random)),
  email: (random) =>
    secret(
      'email',
      `${characters(random, LOWER, integer(random, 3, 8))}.${characters(random, LOWER, integer(random, 2, 8))}${characters(random, DIGITS, 2)}@${characters(random, LOWER, integer(random, 4, 9))}.${pick(random, ['com', 'org', 'io', 'co.uk', 'de'])}`,
    ),
  phone: (random) => secret('phone', phoneNumber(random)),
  jwt: (random) => secret('jwt', jsonWebToken(random)),
  bearer_token: (random) => {
    const token = mixedToken(
      random,
      `${ALPHANUMERIC}-._~`,
      integer(random, 20, 40),
    );
    return secret('bearer_token', `Bearer ${token}`, token);
  },
  basic_auth: (random) => {
    const encoded = Buffer.from(
      `${characters(random, LOWER, 6)}:${mixedToken(random, ALPHANUMERIC, 12)}`,
    ).toString('base64');
    return secret('basic_auth', `Basic ${encoded}`, encoded);
  },
  digest_auth: (random) => {
    const response = characters(random, HEX, 32);
    return secret(
      'digest_auth',
      `Digest username="${characters(random, LOWER, 6)}", realm="api", nonce="${characters(random, HEX, 16)}", uri="/v1/me", response="${response}"`,
      response,
    );
  },
  aws_access_key_id: (random) =>
    secret(
      'aws_access_key_id',
      `AKIA${characters(random, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    ),
  aws_secret_access_key: (random) => {
    const key = mixedToken(random, BASE64, 40);
    return secret('aws_secret_access_key', `aws secret access key ${key}`, key);
  },
  private_key: (random) => {
    const body = [0, 1, 2].map(() => characters(random, BASE64, 64)).join('\n');
    return secret(
      'private_key',
      `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`,
      body.slice(0, 64),
    );
  },
  github_token: (random) =>
    secret(
      'github_token',
      `${pick(random, ['ghp', 'gho', 'ghs'])}_${characters(random, ALPHANUMERIC, 36)}`,
    ),
  slack_token: (random) =>
    secret(
      'slack_token',
      `xoxb-${characters(random, DIGITS, 11)}-${characters(random, DIGITS, 12)}-${characters(random, ALPHANUMERIC, 24)}`,
    ),
  stripe_key: (random) =>
    secret(
      'stripe_key',
      `${pick(random, ['sk', 'rk'])}_${pick(random, ['live', 'test'])}_${characters(random, ALPHANUMERIC, 24)}`,
    ),
  google_api_key: (random) =>
    secret('google_api_key', `AIza${characters(random, BASE64URL, 35)}`),
  password: (random) => {
    const password = mixedToken(
      random,
      `${ALPHANUMERIC}!#%*`,
      integer(random, 10, 16),
    );
    return secret('password', `password=${password}`, password);
  },
  ipv4: (random) =>
    secret(
      'ipv4',
      `${integer(random, 11, 223)}.${integer(random, 0, 255)}.${integer(random, 0, 255)}.${integer(random, 1, 254)}`,
    ),
  ipv6: (random) =>
    secret(
      'ipv6',
      `2001:db8:${characters(random, HEX, 4)}:${characters(random, HEX, 4)}::${integer(random, 1, 9999)}`,
    ),
};

/** Types with a generator, in a fixed order. */
export const SECRET_TYPES: readonly string[] = Object.keys(SECRET_GENERATORS);

/** Returns a sensitive value of `type`. */
export function secretOf(type: string, random: Random): Secret {
  return SECRET_GENERATORS[type](random);
}

function uuid(random: Random): string {
  const hex = characters(random, HEX, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${pick(random, ['8', '9', 'a', 'b'])}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function timestamp(random: Random): string {
  const date = new Date(integer(random, 946684800, 2000000000) * 1000);
  return pick(random, [
    date.toISOString(),
    date.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    date.toISOString().slice(0, 10),
  ]);
}

function isbn13(random: Random): string {
  const body = `978${characters(random, DIGITS, 9)}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  }
  const check = String((10 - (sum % 10)) % 10);
  return random() < 0.5
    ? body + check
    : `${body.slice(0, 3)}-${body[3]}-${body.slice(4, 6)}-${body.slice(6, 12)}-${check}`;
}

const BENIGN_GENERATORS: Record<string, (random: Random) => string> = {
  uuid,
  timestamp,
  epoch_millis: (random) =>
    String(integer(random, 1_500_000_000_000, 1_999_999_999_999)),
  order_id: (random) =>
    pick(random, [
      `ORD-${integer(random, 2019, 2027)}-${characters(random, DIGITS, 6)}`,
      `ord_${characters(random, ALPHANUMERIC, 14)}`,
      `#${characters(random, DIGITS, 7)}`,
    ]),
  isbn: isbn13,
  version: (random) =>
    pick(random, [
      `v${integer(random, 0, 30)}.${integer(random, 0, 40)}.${integer(random, 0, 20)}`,
      `${integer(random, 0, 9)}.${integer(random, 0, 99)}.${integer(random, 0, 99)}-rc.${integer(random, 1, 9)}`,
    ]),
  price: (random) =>
    `${integer(random, 1, 9999)}.${characters(random, DIGITS, 2)}`,
  sha256: (random) => characters(random, HEX, 64),
  short_number: (random) => String(integer(random, 0, 999999)),
};

/** Benign look-alike categories, in a fixed order. */
export const BENIGN_TYPES: readonly string[] = Object.keys(BENIGN_GENERATORS);

/** Returns a benign value that looks like a sensitive one, of `category`. */
export function benignOf(category: string, random: Random): string {
  return BENIGN_GENERATORS[category](random);
}
