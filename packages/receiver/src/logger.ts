import { diag } from '@opentelemetry/api';

/** Diagnostic logger of this package, routed through the OpenTelemetry diag API. */
export const logger = diag.createComponentLogger({
  namespace: '@tracegate/receiver',
});
