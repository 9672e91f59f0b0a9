import type { Instrumentation } from '@opentelemetry/instrumentation';
import {
  TracegateHttpInstrumentation,
  TracegateUndiciInstrumentation,
} from '@tracegate/http';
import type { HttpCaptureOptions } from '@tracegate/http';
import { Redactor } from '@tracegate/redact';
import type { TracegateConfig } from './config';

/** Builds the instrumentations the configuration enables. */
export function createInstrumentations(
  config: TracegateConfig,
): Instrumentation[] {
  // One redactor for every instrumentation: its rules are compiled once.
  const redactor = new Redactor({
    sensitiveHeaders: config.redaction.sensitiveHeaders,
    sensitiveKeys: config.redaction.sensitiveKeys,
  });
  const capture: HttpCaptureOptions = { ...config.capture, redactor };
  const instrumentations: Instrumentation[] = [];
  if (config.instrumentations.http) {
    instrumentations.push(new TracegateHttpInstrumentation({ capture }));
  }
  if (config.instrumentations.fetch) {
    instrumentations.push(new TracegateUndiciInstrumentation({ capture }));
  }
  return instrumentations;
}
