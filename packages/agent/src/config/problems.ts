import { diag } from '@opentelemetry/api';
import type { ConfigProblem, ConfigSource } from './types';

/**
 * Problem codes with the sentence that docs/configuration.md gives for each.
 */
export const CONFIG_PROBLEM_CODES = {
  TG_CONFIG_INVALID_VALUE:
    'A key has a value of the wrong type, out of range or in the wrong format. The key keeps its value from the lower layer.',
  TG_CONFIG_UNKNOWN_KEY:
    'A YAML key, an options key or a `TRACEGATE_*` variable is not a known key. It is ignored.',
  TG_CONFIG_FILE_NOT_FOUND:
    'The configuration file does not exist. The other layers apply.',
  TG_CONFIG_FILE_UNREADABLE:
    'The configuration file could not be read: no permission, a directory or another non-regular file, or an I/O error. The other layers apply.',
  TG_CONFIG_FILE_TOO_LARGE:
    'The configuration file is larger than 16 KiB. It is not read, and the other layers apply.',
  TG_CONFIG_FILE_INVALID:
    'The configuration file is not UTF-8 YAML with a mapping at the top level, has a syntax error, or exceeds the alias or nesting limits. The whole file is ignored.',
  TG_CONFIG_HASH_KEY_MISSING:
    'A type has the `hash` action, in `redaction.actions` or in a custom detector, but no valid `redaction.hashKey` is set. Those types use `mask` instead, so nothing is hashed with an empty or guessable key.',
  TG_CONFIG_REDACTOR_OPTION:
    'The redactor left out part of the redaction settings, such as a custom detector pattern that is not a valid regular expression or can backtrack catastrophically. The rest of the settings apply.',
  TG_CONFIG_BLOCKING_OPTION:
    'Blocking left out part of its settings: an invalid entry of a built-in filter section, a filter module that could not be loaded or exports no filter, or a filter given in code that is not a filter. The rest of the settings apply.',
  TG_CONFIG_INVALID_ARGUMENT:
    'The `options` argument of `loadConfig` is not an object and is ignored, or the `env` argument is not a readable object and `process.env` is read instead.',
  TG_CONFIG_TOO_MANY_PROBLEMS:
    'One load found more than 100 problems. Only the first 100 are reported and logged; this problem gives the count of the rest.',
  TG_CONFIG_INTERNAL_ERROR:
    'An unexpected error stopped one layer from being applied. The keys it had set before the error keep their values, and the other layers still apply.',
} as const;

/** Stable code of a kind of configuration problem. */
export type ConfigProblemCode = keyof typeof CONFIG_PROBLEM_CODES;

/**
 * Maximum problems reported by one `loadConfig` call, so hostile input cannot
 * flood the log.
 */
export const MAX_REPORTED_PROBLEMS = 100;

const logger = diag.createComponentLogger({ namespace: '@tracegate/agent' });

/** Input of one problem report. */
export interface ProblemReport {
  code: ConfigProblemCode;
  key: string;
  value: string;
  source: ConfigSource;
  message: string;
}

/**
 * Problems of one `loadConfig` call, each also logged once as a diag warning.
 */
export class ProblemLog {
  readonly problems: ConfigProblem[] = [];
  private dropped = 0;
  private lastDroppedSource: ConfigSource = 'options';

  /**
   * Records a problem and logs it, or only counts it once the limit is reached.
   */
  report(report: ProblemReport): void {
    if (this.problems.length >= MAX_REPORTED_PROBLEMS) {
      this.dropped += 1;
      this.lastDroppedSource = report.source;
      return;
    }
    this.add(report);
  }

  /**
   * Adds the summary of the problems over the limit, if there were any. Call it
   * once, at the end.
   */
  finish(): void {
    if (this.dropped === 0) return;
    this.add({
      code: 'TG_CONFIG_TOO_MANY_PROBLEMS',
      key: '',
      value: String(this.dropped),
      source: this.lastDroppedSource,
      message: `${this.dropped} more configuration problems were found and not logged. Fix the ones above first.`,
    });
  }

  private add(report: ProblemReport): void {
    const { code, key, value, source, message } = report;
    this.problems.push({ key, value, source, message, code });
    try {
      logger.warn(`${code}: ${message}`);
    } catch {
      // A logger installed by the application must not break start-up.
    }
  }
}
