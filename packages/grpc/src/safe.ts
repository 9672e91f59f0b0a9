import { diag } from '@opentelemetry/api';

/** Logger of the gRPC capture package. */
export const logger = diag.createComponentLogger({
  namespace: '@tracegate/grpc',
});

const loggedSteps = new Set<string>();

/**
 * Logs a failed capture step once per step name, so a step that fails on
 * every call does not flood the log. Only the error's name and message are
 * logged, because capture errors never carry message contents.
 */
export function reportFailure(step: string, error: unknown): void {
  if (loggedSteps.has(step)) return;
  loggedSteps.add(step);
  const detail =
    error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  logger.error(
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
