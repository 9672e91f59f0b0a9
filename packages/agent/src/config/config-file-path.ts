import { resolve } from 'node:path';
import type { EnvSnapshot } from './env-layer';
import { envText } from './env-layer';
import { CONFIG_FILE_ENV } from './env-names';
import type { ProblemLog } from './problems';
import { showValue } from './show-value';

function pathFromEnv(
  snapshot: EnvSnapshot,
  log: ProblemLog,
): string | undefined {
  const raw = snapshot.get(CONFIG_FILE_ENV);
  if (raw !== undefined && typeof raw !== 'string') {
    const shown = showValue(raw);
    log.report({
      code: 'TG_CONFIG_INVALID_VALUE',
      key: 'configFile',
      value: shown,
      source: 'env',
      message: `Invalid value for configFile in environment variable ${CONFIG_FILE_ENV}: ${shown}; environment values must be strings. Reading no configuration file.`,
    });
    return undefined;
  }
  const text = envText(snapshot, CONFIG_FILE_ENV);
  return text === undefined ? undefined : resolve(text);
}

function readOption(
  options: object | undefined,
): { raw: unknown } | { failed: true } {
  try {
    if (options === undefined || !Object.hasOwn(options, 'configFile')) {
      return { raw: undefined };
    }
    return { raw: (options as { configFile?: unknown }).configFile };
  } catch {
    // A proxy or a throwing getter.
    return { failed: true };
  }
}

/**
 * Chooses the YAML file: `options.configFile`, else TRACEGATE_CONFIG_FILE,
 * resolved against the working directory. Returns undefined for no file.
 */
export function chooseConfigFile(
  options: object | undefined,
  snapshot: EnvSnapshot,
  log: ProblemLog,
): string | undefined {
  const option = readOption(options);
  const raw = 'raw' in option ? option.raw : undefined;
  if ('raw' in option && (raw === undefined || raw === null)) {
    return pathFromEnv(snapshot, log);
  }
  if (typeof raw === 'string' && raw.trim() !== '') return resolve(raw);
  const fallback = pathFromEnv(snapshot, log);
  const instead =
    fallback === undefined
      ? 'Reading no configuration file'
      : `Reading ${JSON.stringify(fallback)} from ${CONFIG_FILE_ENV} instead`;
  const shown =
    'raw' in option ? showValue(raw) : 'a value that could not be read';
  log.report({
    code: 'TG_CONFIG_INVALID_VALUE',
    key: 'configFile',
    value: shown,
    source: 'options',
    message: `Invalid value for configFile in loadConfig options: ${shown}. Expected a non-empty file path. ${instead}.`,
  });
  return fallback;
}
