import { diag } from '@opentelemetry/api';
import type { AttackFamily, AttackFinding } from './types';
import { MAX_VALUE_CHARS } from './limits';
import type { FindingSink } from './value';
import { inspectText } from './value';

// Strings up to this length are remembered as clean; longer ones rarely
// repeat and would cost more to hash than to inspect.
const MAX_CACHED_CHARS = 64;

const logger = diag.createComponentLogger({ namespace: '@tracegate/attacks' });

const VALUE_ONLY: ReadonlySet<AttackFamily> = new Set([
  'sqli',
  'xss',
  'path_traversal',
  'command_injection',
  'ssrf',
]);
const KEY_ONLY: ReadonlySet<AttackFamily> = new Set([
  'nosql_injection',
  'prototype_pollution',
]);

/** Collects findings of one inspection, one per family, location and rule. */
export class Collector {
  readonly findings: AttackFinding[] = [];
  /** Families that look at string values. */
  readonly valueFamilies: AttackFamily[];
  /** Families that look at object keys and parameter names. */
  readonly keyFamilies: AttackFamily[];
  private readonly seen = new Set<string>();
  // Location of the value being inspected, read by `sink`; one sink per
  // collector keeps the per-value path free of closures.
  private location = '';
  private found = false;
  private readonly sink: FindingSink = (family, rule) => {
    this.found = true;
    this.add(family, this.location, rule);
  };
  // Short strings already inspected without a finding, per family list.
  // Keys repeat in every element of an array of records, so each distinct
  // key is inspected once per request.
  private readonly cleanValues = new Set<string>();
  private readonly cleanAll = new Set<string>();

  constructor(
    readonly families: readonly AttackFamily[],
    private readonly maxValueChars = MAX_VALUE_CHARS,
  ) {
    this.valueFamilies = families.filter((family) => VALUE_ONLY.has(family));
    this.keyFamilies = families.filter((family) => KEY_ONLY.has(family));
  }

  add(family: AttackFamily, location: string, rule: string): void {
    if (!this.families.includes(family)) {
      return;
    }
    const id = `${family}\u0000${location}\u0000${rule}`;
    if (!this.seen.has(id)) {
      this.seen.add(id);
      this.findings.push({ family, location, rule });
    }
  }

  /**
   * Inspects one string; a detector error is logged and skipped.
   * `plusAsSpace: false` is for text that is not form-encoded.
   */
  addText(
    text: string,
    location: string,
    families: readonly AttackFamily[],
    plusAsSpace = true,
  ): void {
    if (families.length === 0) {
      return;
    }
    const clean = plusAsSpace ? this.cleanSet(text, families) : undefined;
    if (clean?.has(text) === true) {
      return;
    }
    this.location = location;
    this.found = false;
    try {
      inspectText(
        text,
        families,
        this.sink,
        true,
        this.maxValueChars,
        plusAsSpace,
      );
      if (!this.found) {
        clean?.add(text);
      }
    } catch (error) {
      // The value is not logged, because it is request data.
      logger.error(`inspection of ${location} failed; it is skipped`, error);
    }
  }

  private cleanSet(
    text: string,
    families: readonly AttackFamily[],
  ): Set<string> | undefined {
    if (text.length > MAX_CACHED_CHARS) {
      return undefined;
    }
    if (families === this.valueFamilies) {
      return this.cleanValues;
    }
    return families === this.families ? this.cleanAll : undefined;
  }
}
