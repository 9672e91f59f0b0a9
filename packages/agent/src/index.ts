export { start, getAgent } from './agent';
export type { TracegateAgent } from './agent';
export type { ExportStats } from './export-stats';
export type { StartOptions } from './start-options';
export { loadConfig, DEFAULT_CONFIG } from './config';
export type {
  ConfigProblem,
  ConfigSource,
  CustomDetectorConfig,
  DeepPartial,
  LoadedConfig,
  TracegateConfig,
  TracegateOptions,
  ValueOrigin,
} from './config';
