import type { Replacer } from './actions';
import { isMaskToken } from './mask';
import type { DetectorSet } from './detector-set';
import type { KeyRules } from './key-rules';
import type { Reporter } from './reporter';

/** Settings and finding sink shared by the format-specific redactors during one call. */
export interface RedactionContext {
  readonly keys: KeyRules;
  readonly detectors: DetectorSet;
  readonly reporter: Reporter;
  readonly replacer: Replacer;
  readonly graphqlLiterals: 'sensitive' | 'all';
}

/**
 * Reports a sensitive value of `type` at `path` and returns the text that
 * replaces it, or undefined when the type's action keeps it in clear.
 */
export function replaceValue(
  context: RedactionContext,
  type: string,
  value: string,
  path: string,
  cut = false,
): string | undefined {
  // Text redacted before, as when the last check before export scans a
  // body attribute again, keeps its mask and is not reported twice.
  if (isMaskToken(value)) {
    return undefined;
  }
  context.reporter.report(type, path);
  return context.replacer.replace(type, value, cut);
}
