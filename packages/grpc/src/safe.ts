import { diag } from '@opentelemetry/api';

/** Logger of the gRPC capture package. */
export const logger = diag.createComponentLogger({
  namespace: '@tracegate/grpc',
});

const loggedKeys = new Set<string>();

/**
 * Logs an error once per key, so a failure that repeats on every call does
 * not flood the log. Returns false when the key was already logged.
 */
export function logErrorOnce(key: string, message: string): boolean {
  if (loggedKeys.has(key)) return false;
  loggedKeys.add(key);
  logger.error(message);
  return true;
}

/**
 * Names an error by its class, never by its message, which may carry
 * request values.
 */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/**
 * Logs a failed capture step once per step name. Only the error's name and
 * message are logged, because capture errors never carry message contents.
 */
export function reportFailure(step: string, error: unknown): void {
  const detail =
    error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  logErrorOnce(
    `capture ${step}`,
    `capture step "${step}" failed; the call continues without it ` +
      `(further failures of this step are not logged): ${detail}`,
  );
}

/**
 * Runs one capture step and returns its result, or `fallback` when it throws.
 * Every call from patched grpc-js code into Tracegate code goes through here
 * or through the per-call steps of `CallCapture`, so no Tracegate error can
 * reach the application.
 */
export function guarded<T>(step: string, fallback: T, run: () => T): T {
  try {
    return run();
  } catch (error) {
    reportFailure(step, error);
    return fallback;
  }
}
