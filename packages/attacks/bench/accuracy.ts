import type { AttackFamily } from '../src';
import { inspectRequest, inspectValue } from '../src';
import type { Sample } from './corpus';
import { HIGH_PARANOIA_RULES } from './crs-paranoia';

/** Corpus label of the CRS rows that leave out paranoia level 3-4 rules. */
export const LOW_PARANOIA = 'crs, PL 1-2 rules only';

/** Corpus label of the CRS rows run with the `customHeaders` option. */
export const CUSTOM_HEADERS = 'crs, custom headers too';

/** Counts for one row of a table, split by corpus half. */
export interface Tally {
  total: [number, number];
  flagged: [number, number];
}

export function emptyTally(): Tally {
  return { total: [0, 0], flagged: [0, 0] };
}

function count(tally: Tally, half: 0 | 1, flagged: boolean): void {
  tally.total[half]++;
  if (flagged) {
    tally.flagged[half]++;
  }
}

/** Returns whether the detector reports `sample` for the chosen families. */
export function isFlagged(
  sample: Sample,
  families: AttackFamily[] | undefined,
  customHeaders = false,
): boolean {
  if (sample.value !== undefined) {
    return inspectValue(sample.value, families).length > 0;
  }
  if (sample.request !== undefined) {
    const options = { families, customHeaders };
    return inspectRequest(sample.request, options).length > 0;
  }
  return false;
}

function tallyOf(rows: Map<string, Tally>, key: string): Tally {
  const tally = rows.get(key) ?? emptyTally();
  rows.set(key, tally);
  return tally;
}

/**
 * Detection per family and corpus (libinjection or CRS), plus CRS rows
 * without the tests of paranoia level 3 and 4 rules, and CRS rows with
 * custom headers inspected too.
 */
export function detection(samples: Sample[]): Map<string, Tally> {
  const rows = new Map<string, Tally>();
  for (const sample of samples) {
    if (!sample.positive || sample.family === undefined) {
      continue;
    }
    const [corpus, rule] = sample.source.split('/');
    const keys = [`${sample.family}\u0000${corpus}`];
    if (corpus === 'crs' && !HIGH_PARANOIA_RULES.has(Number(rule))) {
      keys.push(`${sample.family}\u0000${LOW_PARANOIA}`);
    }
    const flagged = isFlagged(sample, [sample.family]);
    for (const key of keys) {
      count(tallyOf(rows, key), sample.half, flagged);
    }
    if (corpus === 'crs') {
      const custom = isFlagged(sample, [sample.family], true);
      const key = `${sample.family}\u0000${CUSTOM_HEADERS}`;
      count(tallyOf(rows, key), sample.half, custom);
    }
  }
  return rows;
}

/** A benign sample that the detector reported, named without its payload. */
export interface FalsePositive {
  source: string;
  testId?: string;
  line?: number;
}

/**
 * False positives on the benign sets: libinjection false_positives.txt
 * with every family, CRS `no_expect_ids` tests with every family, and CRS
 * `no_expect_ids` tests of a detector family's own rule files with that
 * family alone.
 */
export function falsePositives(samples: Sample[]): {
  rows: Map<string, Tally>;
  flagged: FalsePositive[];
} {
  const rows = new Map<string, Tally>();
  const flagged: FalsePositive[] = [];
  const add = (key: string, sample: Sample, hit: boolean): void => {
    count(tallyOf(rows, key), sample.half, hit);
  };
  for (const sample of samples) {
    if (sample.positive) {
      continue;
    }
    const hit = isFlagged(sample, undefined);
    const corpus = sample.source.startsWith('crs/') ? 'crs' : 'libinjection';
    add(`all families\u0000${corpus}`, sample, hit);
    if (corpus === 'crs') {
      const custom = isFlagged(sample, undefined, true);
      add(`all families\u0000${CUSTOM_HEADERS}`, sample, custom);
    }
    if (hit) {
      flagged.push({
        source: sample.source,
        testId: sample.testId,
        line: sample.line,
      });
    }
    if (sample.fileFamily !== undefined) {
      const own = isFlagged(sample, [sample.fileFamily]);
      add(`${sample.fileFamily}\u0000${corpus}`, sample, own);
    }
  }
  return { rows, flagged };
}
