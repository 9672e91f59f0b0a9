import { diag } from '@opentelemetry/api';

export const logger = diag.createComponentLogger({
  namespace: '@tracegate/blocking',
});

/** Logs the configuration problems a factory found in its own input. */
export function logProblems(filter: string, problems: readonly string[]): void {
  for (const problem of problems) {
    logger.warn(`filter ${filter}: ${problem}`);
  }
}
