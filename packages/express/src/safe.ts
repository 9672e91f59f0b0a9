import { diag } from '@opentelemetry/api';

/** Logger of the Express plugin. */
export const logger = diag.createComponentLogger({
  namespace: '@tracegate/express',
});

const loggedSteps = new Set<string>();

/**
 * Logs a failed step once per step name, so a hook that fails on every
 * request does not flood the log. Only the error's name and message are
 * logged, never request data.
 */
export function reportFailure(step: string, error: unknown): void {
  if (loggedSteps.has(step)) return;
  loggedSteps.add(step);
  const detail =
    error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  logger.error(
    `step "${step}" failed; the request continues without it ` +
      `(further failures of this step are not logged): ${detail}`,
  );
}

/**
 * Runs one step and returns its result, or `fallback` when it throws. Every
 * call from a patched Express object into Tracegate code goes through here,
 * so no Tracegate error reaches the application.
 */
export function guarded<T>(step: string, fallback: T, run: () => T): T {
  try {
    return run();
  } catch (error) {
    reportFailure(step, error);
    return fallback;
  }
}
