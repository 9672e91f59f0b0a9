export type { IpFilterOptions } from './ip-options';
export {
  DEFAULT_IP_FILTER_OPTIONS,
  validateIpFilterOptions,
} from './ip-options';
export { IP_FILTER_NAME, createIpFilter } from './ip-filter';

export type { PathRule, RuleFilterOptions } from './rule-options';
export {
  DEFAULT_RULE_FILTER_OPTIONS,
  validateRuleFilterOptions,
} from './rule-options';
export { RULE_FILTER_NAME, createRuleFilter } from './rule-filter';

export type {
  RateLimit,
  RateLimitFilterInput,
  RateLimitFilterOptions,
  RateLimitInput,
  RateLimitKey,
  RateLimitMatch,
} from './rate-limit-options';
export {
  DEFAULT_RATE_LIMIT_FILTER_OPTIONS,
  DEFAULT_RATE_LIMIT_KEY_PREFIX,
  parseRate,
  validateRateLimitFilterOptions,
} from './rate-limit-options';
export type { RateLimitFilter } from './rate-limit-filter';
export {
  RATE_LIMIT_FILTER_NAME,
  createRateLimitFilter,
} from './rate-limit-filter';

export type {
  AttackFamily,
  AttackFinding,
  AttackInput,
  InspectRequest,
} from './attack-api';
export { ATTACK_FAMILIES } from './attack-api';
export type { AttackFilterOptions } from './attack-options';
export {
  DEFAULT_ATTACK_FILTER_OPTIONS,
  validateAttackFilterOptions,
} from './attack-options';
export { ATTACK_FILTER_NAME, createAttackFilter } from './attack-filter';
export type { AttackFilterInternals } from './attack-filter';

export type { ValidationResult } from './validation';
export { normalizeRequestPath } from './request-path';
