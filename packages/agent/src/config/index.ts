export { DEFAULT_CONFIG } from './defaults';
export { CONFIG_FILE_ENV, ENV_PREFIX, envNameFor } from './env-names';
export type { ValueOrigin } from './config-state';
export { MAX_ACTION_TYPES } from './action-map-kind';
export { MAX_CUSTOM_DETECTORS } from './detector-list-kind';
export { MAX_HASH_KEY_BYTES } from './hash-key-kind';
export type { AnyKeySpec, KeySpec } from './keys';
export { CONFIG_KEYS, MAX_BODY_BYTES_LIMIT } from './keys';
export type { ConfigKey, ConfigValue } from './key-paths';
export type { LoadedConfig } from './load-config';
export { loadConfig } from './load-config';
export type { ConfigProblemCode } from './problems';
export { CONFIG_PROBLEM_CODES, MAX_REPORTED_PROBLEMS } from './problems';
export { MAX_CONFIG_FILE_BYTES } from './config-file';
export { MAX_YAML_ALIAS_COUNT } from './yaml-document';
export {
  MAX_EXPLICIT_KEY_INDICATORS,
  MAX_FLOW_INDICATORS,
} from './yaml-limits';
export type {
  ConfigProblem,
  ConfigSource,
  CustomDetectorConfig,
  DeepPartial,
  ExportProtocol,
  FilterOptionsInput,
  LogLevel,
  TracegateConfig,
  TracegateOptions,
} from './types';
export {
  BODY_LIMIT_ACTIONS,
  CLIENT_IP_HEADERS,
  EXPORT_PROTOCOLS,
  LOG_LEVELS,
} from './types';
