import type { Redactor } from '@tracegate/redact';
import type { ConfigProblem, ValueOrigin } from './config';
import { logger } from './diagnostics';

// Option names of @tracegate/redact that start its problem messages, with
// the configuration key that feeds each option.
const KEY_OF_OPTION: ReadonlyArray<readonly [string, string]> = [
  ['customDetectors', 'redaction.detectors'],
  ['detectors', 'redaction.builtInDetectors'],
  ['actions', 'redaction.actions'],
  ['hashKey', 'redaction.hashKey'],
  ['hashLength', 'redaction.hashLength'],
  ['partialLength', 'redaction.partialLength'],
  ['sensitiveHeaders', 'redaction.sensitiveHeaders'],
  ['sensitiveKeys', 'redaction.sensitiveKeys'],
];

function keyOf(message: string): string {
  for (const [option, key] of KEY_OF_OPTION) {
    // `detectors` must not match the start of `customDetectors`, which the
    // table checks first.
    if (message.startsWith(option)) return key;
  }
  return 'redaction';
}

/**
 * Turns the redactor's problems into configuration problems, logging each
 * distinct message once as a diag warning.
 */
export function reportRedactorProblems(
  redactor: Redactor,
  origins: ReadonlyMap<string, ValueOrigin>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const detail of new Set(redactor.problems)) {
    const key = keyOf(detail);
    const origin = origins.get(key);
    // Only a layer can hold an entry that the redactor rejects, because the
    // defaults are valid; `options` is used when the origin is unknown.
    const source =
      origin === undefined || origin.source === 'default'
        ? 'options'
        : origin.source;
    const where = origin === undefined ? 'the configuration' : origin.where;
    const message = `The redactor left out part of ${key} from ${where}: ${detail}`;
    const code = 'TG_CONFIG_REDACTOR_OPTION';
    problems.push({ key, value: '', source, message, code });
    try {
      logger.warn(`${code}: ${message}`);
    } catch {
      // A logger installed by the application must not break start-up.
    }
  }
  return problems;
}
