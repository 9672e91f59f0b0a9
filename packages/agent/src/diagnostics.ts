import type { DiagLogger } from '@opentelemetry/api';
import { DiagLogLevel, diag } from '@opentelemetry/api';
import { format } from 'node:util';

/** Logger of the agent package. */
export const logger = diag.createComponentLogger({
  namespace: '@tracegate/agent',
});

const LEVELS: Record<string, DiagLogLevel> = {
  none: DiagLogLevel.NONE,
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
};

/**
 * Writes every diagnostic to stderr, whatever its level, so agent output
 * never mixes with what the application writes to stdout.
 */
const stderrLogger: DiagLogger = {
  error: (message, ...args) => write('error', message, args),
  warn: (message, ...args) => write('warn', message, args),
  info: (message, ...args) => write('info', message, args),
  debug: (message, ...args) => write('debug', message, args),
  verbose: (message, ...args) => write('verbose', message, args),
};

function write(level: string, message: string, args: unknown[]): void {
  try {
    process.stderr.write(`[tracegate ${level}] ${format(message, ...args)}\n`);
  } catch {
    // A closed stderr must not turn a log line into an app error.
  }
}

/**
 * Sends OpenTelemetry diagnostics, Tracegate's included, to stderr at the
 * given level. Called once before the
 * configuration is read, with the level from the environment, so problems
 * found in the configuration are reported, and again with the final level.
 */
export function setLogLevel(level: string | undefined): void {
  const logLevel =
    LEVELS[level?.trim().toLowerCase() ?? ''] ?? DiagLogLevel.WARN;
  diag.setLogger(stderrLogger, {
    logLevel,
    suppressOverrideMessage: true,
  });
}
