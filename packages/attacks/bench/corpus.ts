import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { AttackFamily, AttackInput } from '../src';
import { requestFromCrs } from './crs-request';
import type { CrsInput } from './crs-request';

/**
 * One corpus sample. `half` is 0 for the tuning half (even line numbers
 * of a libinjection file, even test positions of a CRS file) and 1 for
 * the held-out half.
 */
export interface Sample {
  source: string;
  half: 0 | 1;
  /** The family a positive sample belongs to; undefined for benign ones. */
  family?: AttackFamily;
  /** For CRS samples, the family of the rule file, also for benign ones. */
  fileFamily?: AttackFamily;
  positive: boolean;
  /** Exactly one of `value` (a libinjection line) and `request` is set. */
  value?: string;
  request?: AttackInput;
  /** CRS test id, so misses can be named without quoting the payload. */
  testId?: string;
  /** Line number in a libinjection file, for the same reason. */
  line?: number;
}

function libinjectionFamily(name: string): AttackFamily | undefined {
  if (name.startsWith('sqli-')) {
    return 'sqli';
  }
  return name.startsWith('xss-') ? 'xss' : undefined;
}

/** Reads the libinjection lists: sqli-*.txt, xss-*.txt, false_positives.txt. */
export function loadLibinjection(directory: string): Sample[] {
  const samples: Sample[] = [];
  for (const name of readdirSync(directory).sort()) {
    const family = libinjectionFamily(name);
    const benign = name === 'false_positives.txt';
    if (family === undefined && !benign) {
      continue;
    }
    const lines = readFileSync(join(directory, name), 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (line === '' || line.startsWith('#')) {
        return;
      }
      const lineNumber = index + 1;
      samples.push({
        source: `libinjection/${name}`,
        half: lineNumber % 2 === 0 ? 0 : 1,
        family,
        positive: !benign,
        value: line,
        line: lineNumber,
      });
    });
  }
  return samples;
}

/** Returns the detector family that a CRS rule tests, if any. */
export function crsFamily(ruleId: number): AttackFamily | undefined {
  const group = Math.floor(ruleId / 1000);
  switch (group) {
    case 930:
      return 'path_traversal';
    case 931:
      return 'ssrf';
    case 932:
      return 'command_injection';
    case 941:
      return 'xss';
    case 942:
      return 'sqli';
    default:
      break;
  }
  if (ruleId === 934120 || ruleId === 934190) {
    return 'ssrf';
  }
  return ruleId === 934130 ? 'prototype_pollution' : undefined;
}

interface CrsTest {
  test_id?: number;
  stages?: Array<{
    input?: CrsInput;
    stage?: { input?: CrsInput; output?: CrsOutput };
    output?: CrsOutput;
  }>;
}

interface CrsOutput {
  log?: { expect_ids?: number[]; no_expect_ids?: number[] };
}

function crsSamples(file: string, ruleId: number, source: string): Sample[] {
  const document = parse(readFileSync(file, 'utf8')) as { tests?: CrsTest[] };
  const samples: Sample[] = [];
  const family = crsFamily(ruleId);
  (document.tests ?? []).forEach((test, position) => {
    for (const entry of test.stages ?? []) {
      const input = entry.input ?? entry.stage?.input;
      const log = (entry.output ?? entry.stage?.output)?.log;
      const positive = log?.expect_ids?.includes(ruleId) === true;
      const negative = log?.no_expect_ids?.includes(ruleId) === true;
      if (input === undefined || (!positive && !negative)) {
        continue;
      }
      samples.push({
        source,
        half: position % 2 === 0 ? 0 : 1,
        family: positive ? family : undefined,
        fileFamily: family,
        positive,
        request: requestFromCrs(input),
        testId: `${ruleId}-${test.test_id ?? position + 1}`,
      });
    }
  });
  return samples;
}

/** Reads every CRS regression test file under `directory`. */
export function loadCrs(directory: string): Sample[] {
  const samples: Sample[] = [];
  for (const group of readdirSync(directory).sort()) {
    if (!group.startsWith('REQUEST-')) {
      continue;
    }
    for (const name of readdirSync(join(directory, group)).sort()) {
      const ruleId = Number.parseInt(name, 10);
      if (!name.endsWith('.yaml') || !Number.isInteger(ruleId)) {
        continue;
      }
      const file = join(directory, group, name);
      samples.push(...crsSamples(file, ruleId, `crs/${ruleId}`));
    }
  }
  return samples;
}
