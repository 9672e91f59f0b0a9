import type { Redactor } from '@tracegate/redact';
import type { ConfigProblem, ValueOrigin } from './config';
import { leftOutProblem } from './left-out-problem';

// Option names of @tracegate/redact that start its problem messages, with
// the configuration key that feeds each option.
const KEY_OF_OPTION: ReadonlyArray<readonly [string, string]> = [
  ['customDetectors', 'redaction.detectors'],
  ['detectors', 'redaction.builtInDetectors'],
  ['actions', 'redaction.actions'],
  ['hashKey', 'redaction.hashKey'],
  ['hashLength', 'redaction.hashLength'],
  ['partialLength', 'redaction.partialLength'],
  ['phoneRegions', 'redaction.phoneRegions'],
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
  return [...new Set(redactor.problems)].map((detail) =>
    leftOutProblem(
      'The redactor',
      'TG_CONFIG_REDACTOR_OPTION',
      keyOf(detail),
      detail,
      origins,
    ),
  );
}
