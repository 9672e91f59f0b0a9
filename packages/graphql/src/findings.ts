import type { Attributes } from '@opentelemetry/api';
import type { FindingSink } from '@tracegate/redact';
import { ATTR_SENSITIVE_FIELDS, ATTR_SENSITIVE_TYPES } from './attributes';
import { reportFailure } from './safe';

/** Findings kept per span; later ones are dropped. */
const MAX_FINDINGS = 100;

/** Collects redaction findings of one span, bounded, for the `tracegate.sensitive.*` attributes. */
export class FindingList {
  private readonly findings: Array<{ type: string; path: string }> = [];

  /** The sink to pass to the redactor. */
  readonly sink: FindingSink = (finding) => {
    if (finding.type === 'unparsed') {
      reportFailure(
        'redaction',
        new Error(
          `redaction failed at ${finding.path}; the value is recorded as [REDACTED:unparsed]`,
        ),
      );
    }
    if (this.findings.length < MAX_FINDINGS) {
      this.findings.push({ type: finding.type, path: finding.path });
    }
  };

  /** Returns `tracegate.sensitive.types` and `.fields`, or nothing when no finding was made. */
  attributes(): Attributes {
    if (this.findings.length === 0) return {};
    return {
      [ATTR_SENSITIVE_TYPES]: [
        ...new Set(this.findings.map((finding) => finding.type)),
      ],
      [ATTR_SENSITIVE_FIELDS]: this.findings.map(
        (finding) => `${finding.path}=${finding.type}`,
      ),
    };
  }
}
