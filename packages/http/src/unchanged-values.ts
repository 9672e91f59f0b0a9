import type { FindingSink } from '@tracegate/redact';

/** A finding as the redactor reports it to a `FindingSink`. */
export type Finding = Parameters<FindingSink>[0];

/** Maximum length of a remembered string, because longer values rarely repeat and cost more to hash. */
const MAX_VALUE_LENGTH = 256;

/** Maximum number of pairs kept. The memo starts over when it is full, which bounds its memory. */
const MAX_ENTRIES = 4096;

/**
 * Key and value pairs that one redactor returned unchanged, with the
 * findings it reported for each: often none, but an IP address, for
 * example, is reported and kept. Redaction of a value depends only on the key, the value and the
 * redactor's configuration, so replaying the findings of a remembered pair
 * gives the same result as a new scan. Most headers and span attributes
 * repeat on every request (host, user agent, route, scheme), so this skips
 * most of the per-request redaction work. Each memo must belong to one
 * redactor.
 */
export class UnchangedValues {
  private readonly byKey = new Map<string, Map<unknown, readonly Finding[]>>();
  private entries = 0;

  /** Returns the findings of a remembered pair, or undefined for a pair not remembered. */
  findingsOf(key: string, value: unknown): readonly Finding[] | undefined {
    return this.byKey.get(key)?.get(value);
  }

  /** Remembers a pair that the redactor returned unchanged, with its findings. */
  remember(key: string, value: unknown, findings: readonly Finding[]): void {
    if (!isRemembered(value)) return;
    if (this.entries >= MAX_ENTRIES) {
      this.byKey.clear();
      this.entries = 0;
    }
    let values = this.byKey.get(key);
    if (values === undefined) {
      values = new Map();
      this.byKey.set(key, values);
    }
    if (!values.has(value)) this.entries += 1;
    values.set(value, findings);
  }
}

function isRemembered(value: unknown): boolean {
  return typeof value === 'string'
    ? value.length <= MAX_VALUE_LENGTH
    : typeof value === 'number';
}
