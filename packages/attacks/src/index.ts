export type {
  AttackFamily,
  AttackFinding,
  AttackInput,
  InspectOptions,
} from './types';
export { ALL_FAMILIES } from './types';
export { inspectRequest, inspectValue } from './inspect';
export { INSPECTED_HEADERS } from './headers';
export {
  MAX_DECODE_ROUNDS,
  MAX_DEPTH,
  MAX_TOTAL_CHARS,
  MAX_VALUES,
  MAX_VALUE_CHARS,
} from './limits';
