import type { UndiciInstrumentationConfig } from '@opentelemetry/instrumentation-undici';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resolveCaptureSettings } from './capture-settings';
import { composeHook } from './compose-hooks';
import { captureFetchRequest, captureFetchResponse } from './fetch-capture';
import { guarded } from './safe';
import type { HttpCaptureOptions } from './types';

/** Configuration of {@link TracegateUndiciInstrumentation}. */
export interface TracegateUndiciInstrumentationConfig extends UndiciInstrumentationConfig {
  /** Capture and redaction options; only the client options apply. */
  capture?: HttpCaptureOptions;
}

/**
 * OpenTelemetry's undici instrumentation with Tracegate capture, which covers
 * the global `fetch` of Node.js: redacted headers and bodies of outgoing
 * requests and their responses.
 */
export class TracegateUndiciInstrumentation extends UndiciInstrumentation {
  constructor(config: TracegateUndiciInstrumentationConfig = {}) {
    super(config);
  }

  override setConfig(config: TracegateUndiciInstrumentationConfig = {}): void {
    super.setConfig(withCaptureHooks(config));
  }
}

function withCaptureHooks(
  config: TracegateUndiciInstrumentationConfig,
): TracegateUndiciInstrumentationConfig {
  const settings = resolveCaptureSettings(config.capture);
  if (!settings.client) return config;
  return {
    ...config,
    requestHook: composeHook(
      'requestHook',
      (span, request) =>
        guarded('fetch request hook', undefined, () =>
          captureFetchRequest(span, request, settings),
        ),
      config.requestHook,
    ),
    responseHook: composeHook(
      'responseHook',
      (span, { response }) =>
        guarded('fetch response hook', undefined, () =>
          captureFetchResponse(span, response, settings),
        ),
      config.responseHook,
    ),
  };
}
