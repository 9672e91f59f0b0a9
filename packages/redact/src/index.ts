export type { FindingSink, RedactorOptions } from './types';
export { Redactor } from './redactor';
export { DEFAULT_SENSITIVE_HEADERS, DEFAULT_SENSITIVE_KEYS } from './defaults';
export { BUILT_IN_DETECTORS } from './detectors/registry';
export { validateRedactorOptions } from './options';
