export type {
  AttributeValue,
  CustomDetectorOptions,
  Finding,
  FindingSink,
  RedactionAction,
  RedactorOptions,
} from './types';
export type { RedactedGraphql } from './redactor';
export { Redactor } from './redactor';
export { DEFAULT_SENSITIVE_HEADERS, DEFAULT_SENSITIVE_KEYS } from './defaults';
export { BUILT_IN_DETECTORS } from './detectors/registry';
export {
  ACTIONS,
  CLASSIFIED_BY_DEFAULT,
  DEFAULT_HASH_LENGTH,
  DEFAULT_PARTIAL_LENGTH,
  MIN_HASH_KEY_BYTES,
} from './actions';
export { validateRedactorOptions } from './options';
export { checkPatternSafety } from './pattern-safety';
