import { chooseConfigFile } from './config-file-path';
import { loadConfigFile } from './config-file';
import type { ValueOrigin } from './config-state';
import { ConfigState } from './config-state';
import { DEFAULT_CONFIG } from './defaults';
import type { EnvSnapshot } from './env-layer';
import { applyEnvLayer, applySdkDisabled, snapshotEnv } from './env-layer';
import { maskHashWithoutKey } from './hash-key-check';
import { applyObjectLayer } from './object-layer';
import { ProblemLog } from './problems';
import { showValue } from './show-value';
import type {
  ConfigProblem,
  ConfigSource,
  TracegateConfig,
  TracegateOptions,
} from './types';

/** Result of `loadConfig`. */
export interface LoadedConfig {
  config: TracegateConfig;
  problems: ConfigProblem[];
  /** Layer and place that set each key's value, by dotted key. */
  origins: ReadonlyMap<string, ValueOrigin>;
}

const RESERVED_OPTIONS: ReadonlySet<string> = new Set(['configFile']);

function isObjectArgument(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkOptions(options: unknown, log: ProblemLog): object | undefined {
  if (options === undefined || options === null) return undefined;
  if (isObjectArgument(options)) return options;
  const shown = showValue(options);
  log.report({
    code: 'TG_CONFIG_INVALID_ARGUMENT',
    key: 'options',
    value: shown,
    source: 'options',
    message: `The options argument of loadConfig is ${shown}, not an object. It is ignored.`,
  });
  return undefined;
}

function reportBadEnv(log: ProblemLog, shown: string, reason: string): void {
  log.report({
    code: 'TG_CONFIG_INVALID_ARGUMENT',
    key: 'env',
    value: shown,
    source: 'env',
    message: `The env argument of loadConfig ${reason}. process.env is read instead.`,
  });
}

// A bad `env` argument falls back to process.env rather than to nothing, so
// that an operator's OTEL_SDK_DISABLED=true still turns the agent off.
function readEnvArgument(env: unknown, log: ProblemLog): EnvSnapshot {
  if (env !== undefined && !isObjectArgument(env)) {
    const shown = showValue(env);
    reportBadEnv(log, shown, `is ${shown}, not an object`);
    return snapshotEnv(process.env);
  }
  try {
    return snapshotEnv(env ?? process.env);
  } catch {
    reportBadEnv(log, 'an object', 'could not be read');
    return snapshotEnv(process.env);
  }
}

function applyFileLayer(
  path: string,
  state: ConfigState,
  log: ProblemLog,
): void {
  const file = loadConfigFile(path);
  if (!file.ok) {
    log.report(file.problem);
    return;
  }
  const where = `config file ${JSON.stringify(path)}`;
  applyObjectLayer(
    file.tree,
    { source: 'file', where, locate: file.locate },
    state,
    log,
  );
}

function reportInternalError(
  log: ProblemLog,
  stage: ConfigSource,
  error: unknown,
): void {
  const reason =
    error instanceof Error
      ? `${error.name}: ${error.message}`
      : 'a non-error value was thrown';
  log.report({
    code: 'TG_CONFIG_INTERNAL_ERROR',
    key: '',
    value: '',
    source: stage,
    message: `Applying the ${stage} layer of the configuration failed unexpectedly (${reason}). The other layers still apply.`,
  });
}

function buildResult(state: ConfigState): TracegateConfig {
  try {
    return state.toConfig();
  } catch {
    return structuredClone(DEFAULT_CONFIG);
  }
}

// Runs one step so that an unexpected error costs only that layer.
function guarded<T>(
  log: ProblemLog,
  stage: ConfigSource,
  step: () => T,
): T | undefined {
  try {
    return step();
  } catch (error) {
    reportInternalError(log, stage, error);
    return undefined;
  }
}

/**
 * Loads the agent configuration from the defaults, the YAML file, the
 * environment and the options, each layer overriding the one before. Never
 * throws: every invalid input becomes one problem and one diag warning.
 */
export function loadConfig(
  options?: TracegateOptions,
  env?: NodeJS.ProcessEnv,
): LoadedConfig {
  const log = new ProblemLog();
  const state = new ConfigState();
  const input = guarded(log, 'options', () => checkOptions(options, log));
  const snapshot: EnvSnapshot =
    guarded(log, 'env', () => readEnvArgument(env, log)) ?? new Map();

  guarded(log, 'file', () => {
    const path = chooseConfigFile(input, snapshot, log);
    if (path !== undefined) applyFileLayer(path, state, log);
  });
  guarded(log, 'env', () => applyEnvLayer(snapshot, state, log));
  if (input !== undefined) {
    const layer = {
      source: 'options' as const,
      where: 'loadConfig options',
      reservedTopLevel: RESERVED_OPTIONS,
    };
    guarded(log, 'options', () => applyObjectLayer(input, layer, state, log));
  }
  guarded(log, 'env', () => applySdkDisabled(snapshot, state, log));
  guarded(log, 'options', () => maskHashWithoutKey(state, log));

  log.finish();
  return {
    config: buildResult(state),
    problems: log.problems,
    origins: state.allOrigins(),
  };
}
