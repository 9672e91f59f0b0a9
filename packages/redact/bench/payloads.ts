import type { Random, Secret } from './samples';
import {
  BENIGN_TYPES,
  benignOf,
  characters,
  integer,
  pick,
  SECRET_TYPES,
  secretOf,
} from './samples';

/** A value planted in a payload, with the path of its field. */
export interface Planted {
  /** Field path from the document root, as keys and array indexes. */
  readonly path: ReadonlyArray<string | number>;
  /** Sensitive type, or undefined for a benign look-alike. */
  readonly type: string | undefined;
  /** Benign category, for a look-alike. */
  readonly category: string | undefined;
  /** Secret that must not survive, or look-alike that must survive unchanged. */
  readonly value: string;
}

/** A JSON API payload with the values planted in it. */
export interface Payload {
  readonly document: unknown;
  readonly planted: readonly Planted[];
}

const FIRST_NAMES = [
  'Jane',
  'Omar',
  'Li',
  'Ana',
  'Kwame',
  'Sofia',
  'Raj',
  'Elena',
];
const LAST_NAMES = [
  'Doe',
  'Haddad',
  'Wei',
  'Silva',
  'Mensah',
  'Rossi',
  'Patel',
  'Novak',
];
const WORDS = [
  'order',
  'shipped',
  'refund',
  'please',
  'call',
  'back',
  'customer',
  'asked',
  'about',
  'the',
  'invoice',
  'delivery',
  'today',
];

function sentence(random: Random, words: number): string {
  const chosen: string[] = [];
  for (let i = 0; i < words; i++) {
    chosen.push(pick(random, WORDS));
  }
  return chosen.join(' ');
}

// Field names an API would use for each type; "note" plants the value in
// free text instead.
const FIELD_NAMES: Readonly<Record<string, readonly string[]>> = {
  credit_card: ['cardNumber', 'pan_display', 'note'],
  us_ssn: ['ssn', 'taxpayerSsn', 'note'],
  iban: ['iban', 'payoutAccount', 'note'],
  email: ['email', 'contactEmail', 'note'],
  phone: ['phone', 'mobile', 'note'],
  jwt: ['idToken', 'session', 'note'],
  bearer_token: ['authorizationHeader', 'note'],
  basic_auth: ['proxyAuthorization', 'note'],
  digest_auth: ['authHeader', 'note'],
  aws_access_key_id: ['awsAccessKeyId', 'note'],
  aws_secret_access_key: ['note'],
  private_key: ['signingKey', 'note'],
  github_token: ['githubToken', 'note'],
  slack_token: ['slackToken', 'note'],
  stripe_key: ['stripeKey', 'note'],
  google_api_key: ['mapsKey', 'note'],
  password: ['note'],
  ipv4: ['clientIp', 'note'],
  ipv6: ['clientIp', 'note'],
};

const BENIGN_FIELDS: Readonly<Record<string, string>> = {
  uuid: 'requestId',
  timestamp: 'createdAt',
  epoch_millis: 'updatedAtMs',
  order_id: 'orderRef',
  isbn: 'isbn',
  version: 'appVersion',
  price: 'amount',
  sha256: 'checksum',
  short_number: 'quantity',
};

function plantedSecret(random: Random, type: string): [string, Secret] {
  const secret = secretOf(type, random);
  const field = pick(random, FIELD_NAMES[type]);
  const text =
    field === 'note'
      ? `${sentence(random, 3)} ${secret.text} ${sentence(random, 2)}`
      : secret.text;
  return [field, { ...secret, text }];
}

function customer(
  random: Random,
  planted: Planted[],
  base: ReadonlyArray<string | number>,
): Record<string, unknown> {
  const record: Record<string, unknown> = {
    id: `cus_${characters(random, 'abcdefghijklmnopqrstuvwxyz0123456789', 14)}`,
    name: `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`,
    address: {
      line1: `${integer(random, 1, 999)} Main St`,
      city: 'Springfield',
      postalCode: String(integer(random, 10000, 99999)),
    },
  };
  const category = pick(random, BENIGN_TYPES);
  const value = benignOf(category, random);
  record[BENIGN_FIELDS[category]] = value;
  planted.push({
    path: [...base, BENIGN_FIELDS[category]],
    type: undefined,
    category,
    value,
  });
  return record;
}

/**
 * Returns an order, signup, payment or webhook payload with two secrets
 * and two benign look-alikes planted in realistic fields.
 */
export function labelledPayload(random: Random): Payload {
  const planted: Planted[] = [];
  const kind = pick(random, ['order', 'signup', 'payment', 'webhook']);
  const document: Record<string, unknown> = {
    kind,
    id: `evt_${characters(random, 'ABCDEFGHJKMNPQRSTVWXYZ0123456789', 20)}`,
    customer: customer(random, planted, ['customer']),
    items: [0, 1].map(() => ({
      sku: `SKU-${integer(random, 100, 9999)}`,
      qty: integer(random, 1, 5),
      title: sentence(random, 4),
    })),
  };
  for (let i = 0; i < 2; i++) {
    const type = pick(random, SECRET_TYPES);
    const [field, secret] = plantedSecret(random, type);
    const holder =
      i === 0 ? document : (document.customer as Record<string, unknown>);
    const name = holder[field] === undefined ? field : `${field}${i}`;
    holder[name] = secret.text;
    planted.push({
      path: i === 0 ? [name] : ['customer', name],
      type,
      category: undefined,
      value: secret.secret,
    });
  }
  const category = pick(random, BENIGN_TYPES);
  const value = benignOf(category, random);
  document[BENIGN_FIELDS[category]] = value;
  planted.push({
    path: [BENIGN_FIELDS[category]],
    type: undefined,
    category,
    value,
  });
  return { document, planted };
}

/** Returns a JSON array of labelled payloads of at least `bytes` characters. */
export function payloadOfSize(random: Random, bytes: number): string {
  const records: unknown[] = [];
  let text = '[]';
  while (text.length < bytes) {
    records.push(labelledPayload(random).document);
    text = JSON.stringify(records);
  }
  return text;
}

/**
 * Returns a JSON array of order records of at least `bytes` characters,
 * with one e-mail address and one phone number per record and no other
 * secrets, as a typical API response carries.
 */
export function orderListOfSize(random: Random, bytes: number): string {
  const records: unknown[] = [];
  let text = '[]';
  while (text.length < bytes) {
    const first = pick(random, FIRST_NAMES);
    records.push({
      id: `ord_${characters(random, 'abcdefghijklmnopqrstuvwxyz0123456789', 16)}`,
      createdAt: benignOf('timestamp', random),
      status: pick(random, ['paid', 'shipped', 'refunded']),
      customer: {
        id: benignOf('uuid', random),
        name: `${first} ${pick(random, LAST_NAMES)}`,
        email: `${first.toLowerCase()}.${characters(random, 'abcdefghijklmnopqrstuvwxyz', 5)}@example.com`,
        phone: secretOf('phone', random).text,
      },
      items: [0, 1].map(() => ({
        sku: `SKU-${integer(random, 100, 9999)}`,
        quantity: integer(random, 1, 5),
        price: benignOf('price', random),
        title: sentence(random, 4),
      })),
      total: benignOf('price', random),
      currency: 'USD',
    });
    text = JSON.stringify(records);
  }
  return text;
}

// One record in this many names a seller by e-mail address.
const CATALOG_CONTACT_EVERY = 40;

/**
 * Returns a JSON array of product records of at least `bytes` characters
 * in which secrets are rare: one seller e-mail address per 40 records, as
 * in a catalog, search or log response.
 */
export function catalogOfSize(random: Random, bytes: number): string {
  const records: unknown[] = [];
  let text = '[]';
  while (text.length < bytes) {
    const record: Record<string, unknown> = {
      id: benignOf('uuid', random),
      sku: `SKU-${integer(random, 100, 999999)}`,
      title: sentence(random, 3),
      description: sentence(random, 12),
      isbn: benignOf('isbn', random),
      price: Number(benignOf('price', random)),
      currency: pick(random, ['EUR', 'USD', 'GBP']),
      stock: integer(random, 0, 500),
      rating: integer(random, 0, 50) / 10,
      tags: [0, 1, 2].map(() => pick(random, WORDS)),
      dimensions: {
        width: integer(random, 1, 200),
        height: integer(random, 1, 200),
        depth: integer(random, 1, 200),
      },
      updatedAt: benignOf('timestamp', random),
      active: random() < 0.8,
    };
    if (records.length % CATALOG_CONTACT_EVERY === 0) {
      record.seller = {
        email: `${pick(random, FIRST_NAMES).toLowerCase()}@example.com`,
      };
    }
    records.push(record);
    text = JSON.stringify(records);
  }
  return text;
}
