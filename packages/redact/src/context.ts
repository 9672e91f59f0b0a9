import type { Detector } from './detectors/detector';
import type { KeyRules } from './key-rules';
import type { Reporter } from './reporter';

/** Settings and finding sink shared by the format-specific redactors during one call. */
export interface RedactionContext {
  readonly keys: KeyRules;
  readonly detectors: readonly Detector[];
  readonly reporter: Reporter;
}
