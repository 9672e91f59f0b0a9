export type {
  AttackFamily,
  AttackFinding,
  AttackInput,
  InspectLimitName,
  InspectLimits,
  InspectOptions,
  InspectResult,
} from './types';
export { ALL_FAMILIES } from './types';
export {
  inspectRequest,
  inspectRequestDetailed,
  inspectValue,
} from './inspect';
export { INSPECTED_HEADERS, STANDARD_HEADERS } from './headers';
export {
  DEFAULT_LIMITS,
  MAX_DECODE_ROUNDS,
  MAX_DEPTH,
  MAX_TOTAL_CHARS,
  MAX_VALUES,
  MAX_VALUE_CHARS,
} from './limits';
