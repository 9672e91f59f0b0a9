import { diag } from '@opentelemetry/api';
import type { AttackFamily, AttackFinding } from './types';
import { inspectText } from './value';

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

  constructor(readonly families: readonly AttackFamily[]) {
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

  /** Inspects one string; a detector error is logged and skipped. */
  addText(
    text: string,
    location: string,
    families: readonly AttackFamily[],
  ): void {
    if (families.length === 0) {
      return;
    }
    try {
      for (const finding of inspectText(text, families)) {
        this.add(finding.family, location, finding.rule);
      }
    } catch (error) {
      // The value is not logged, because it is request data.
      logger.error(`inspection of ${location} failed; it is skipped`, error);
    }
  }
}
