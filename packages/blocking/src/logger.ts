import { diag } from '@opentelemetry/api';

/** Logger of the blocking package. */
export const logger = diag.createComponentLogger({
  namespace: '@tracegate/blocking',
});

/** Describes a caught error by its name and message only. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `a thrown ${typeof error}`;
}
