import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, Redactor } from '../src';
import { CLASSIFIED_BY_DEFAULT } from '../src';
import type { Planted } from './payloads';
import { labelledPayload } from './payloads';
import { seededRandom } from './samples';

/** Counts for one type or category. */
export interface Tally {
  positives: number;
  detected: number;
  negatives: number;
  flagged: number;
}

/** Accuracy counts by type. */
export type Tallies = Map<string, Tally>;

function tally(tallies: Tallies, name: string): Tally {
  let entry = tallies.get(name);
  if (entry === undefined) {
    entry = { positives: 0, detected: 0, negatives: 0, flagged: 0 };
    tallies.set(name, entry);
  }
  return entry;
}

// Key rules whose type names the same data as a detector, so a value
// masked by the key rule counts as detected.
const KEY_RULE_TYPES: Readonly<Record<string, readonly string[]>> = {
  us_ssn: ['ssn', 'social_security_number'],
  credit_card: ['card_number', 'credit_card', 'cc_number', 'pan'],
  jwt: ['token', 'id_token', 'access_token', 'refresh_token', 'session_token'],
};

function isExpectedType(expected: string, found: string): boolean {
  return (
    found === expected || (KEY_RULE_TYPES[expected]?.includes(found) ?? false)
  );
}

// Values that are only recognised next to a word naming them, as an API
// or a log line would write them.
const CONTEXT: Readonly<Record<string, string>> = {
  us_ssn: 'SSN',
  aws_secret_access_key: 'aws_secret_access_key',
};

interface LabelledValue {
  type: string;
  value: string;
  sensitive: boolean;
}

/**
 * Measures the labelled values of the fixture file: a positive counts as
 * detected when a finding of its type is reported, and a negative is
 * flagged when any finding is reported. Benign values are negatives of
 * the type `benign`.
 */
export function measureFixture(redactor: Redactor, fixture: string): Tallies {
  const tallies: Tallies = new Map();
  const lines = readFileSync(fixture, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  for (const line of lines) {
    const entry = JSON.parse(line) as LabelledValue;
    const label = CONTEXT[entry.type];
    const text = label === undefined ? entry.value : `${label} ${entry.value}`;
    const findings: Finding[] = [];
    redactor.text(text, (finding) => findings.push(finding));
    const counts = tally(tallies, entry.type);
    if (entry.sensitive) {
      counts.positives++;
      if (
        findings.some((finding) => isExpectedType(entry.type, finding.type))
      ) {
        counts.detected++;
      }
    } else {
      counts.negatives++;
      if (findings.length > 0) {
        counts.flagged++;
      }
    }
  }
  return tallies;
}

function valueAt(
  document: unknown,
  path: ReadonlyArray<string | number>,
): unknown {
  let current = document;
  for (const step of path) {
    current = (current as Record<string | number, unknown> | undefined)?.[step];
  }
  return current;
}

function pathText(path: ReadonlyArray<string | number>): string {
  return `body.${path.join('.')}`;
}

function judge(
  tallies: Tallies,
  planted: Planted,
  output: unknown,
  findings: readonly Finding[],
): void {
  const value = valueAt(output, planted.path);
  if (planted.type === undefined) {
    const counts = tally(tallies, `benign ${planted.category ?? ''}`);
    counts.negatives++;
    if (value !== planted.value) {
      counts.flagged++;
    }
    return;
  }
  const counts = tally(tallies, planted.type);
  counts.positives++;
  const path = pathText(planted.path);
  const reported = findings.some(
    (finding) =>
      finding.path.startsWith(path) &&
      isExpectedType(planted.type as string, finding.type),
  );
  // A classified type is reported and kept in clear by design.
  const classified = CLASSIFIED_BY_DEFAULT.includes(planted.type);
  const absent =
    classified || typeof value !== 'string' || !value.includes(planted.value);
  if (reported && absent) {
    counts.detected++;
  }
}

/**
 * Builds `count` labelled payloads from `seed`, redacts each as a JSON body
 * and judges every planted value. A secret counts as detected when a
 * finding of its type names its field and the secret is absent from the
 * output. A look-alike is flagged when its field changed.
 */
export function measurePayloads(
  redactor: Redactor,
  seed: number,
  count: number,
): Tallies {
  const tallies: Tallies = new Map();
  const random = seededRandom(seed);
  for (let i = 0; i < count; i++) {
    const payload = labelledPayload(random);
    const findings: Finding[] = [];
    const output = redactor.json(JSON.stringify(payload.document), (finding) =>
      findings.push(finding),
    );
    const parsed = JSON.parse(output) as unknown;
    for (const planted of payload.planted) {
      judge(tallies, planted, parsed, findings);
    }
  }
  return tallies;
}

/** Path of the labelled values that ship with the package tests. */
export const FIXTURE_PATH = join(
  __dirname,
  '..',
  '..',
  'test',
  'fixtures',
  'values.jsonl',
);
