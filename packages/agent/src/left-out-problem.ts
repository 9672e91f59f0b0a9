import type { ConfigProblem, ValueOrigin } from './config';
import { logger } from './diagnostics';

/**
 * Builds the configuration problem for a part of `key` that a component
 * (the redactor, blocking) dropped while it started, and logs the message
 * once as a diag warning under `code`.
 */
export function leftOutProblem(
  component: string,
  code: string,
  key: string,
  detail: string,
  origins: ReadonlyMap<string, ValueOrigin>,
): ConfigProblem {
  const origin = origins.get(key);
  // Only a configuration layer can hold an entry that a component rejects,
  // because the defaults are valid. An unknown origin counts as `options`.
  const source =
    origin === undefined || origin.source === 'default'
      ? 'options'
      : origin.source;
  const where = origin === undefined ? 'the configuration' : origin.where;
  const message = `${component} left out part of ${key} from ${where}: ${detail}`;
  try {
    logger.warn(`${code}: ${message}`);
  } catch {
    // A logger installed by the application must not break start-up.
  }
  return { key, value: '', source, message, code };
}
