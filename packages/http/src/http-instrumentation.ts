import type { HttpInstrumentationConfig } from '@opentelemetry/instrumentation-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { ClientRequest, IncomingMessage } from 'node:http';
import { resolveCaptureSettings } from './capture-settings';
import {
  captureClientResponse,
  captureOutgoingRequest,
} from './client-capture';
import { composeHook } from './compose-hooks';
import { guarded } from './safe';
import {
  captureIncomingRequest,
  captureServerResponse,
} from './server-capture';
import type { HttpCaptureOptions } from './types';

/** Configuration of {@link TracegateHttpInstrumentation}. */
export interface TracegateHttpInstrumentationConfig extends HttpInstrumentationConfig {
  /** Capture and redaction options. */
  capture?: HttpCaptureOptions;
}

/**
 * OpenTelemetry's HTTP instrumentation with Tracegate capture: redacted
 * request and response headers and bodies on every server and client span
 * of `node:http` and `node:https`. Hooks the user sets in the config still
 * run, after capture.
 */
export class TracegateHttpInstrumentation extends HttpInstrumentation {
  constructor(config: TracegateHttpInstrumentationConfig = {}) {
    super(config);
  }

  override setConfig(config: TracegateHttpInstrumentationConfig = {}): void {
    super.setConfig(withCaptureHooks(config));
  }
}

function withCaptureHooks(
  config: TracegateHttpInstrumentationConfig,
): TracegateHttpInstrumentationConfig {
  const settings = resolveCaptureSettings(config.capture);
  return {
    ...config,
    requestHook: composeHook(
      'requestHook',
      (span, request) =>
        guarded('request hook', undefined, () => {
          if (request instanceof IncomingMessage) {
            if (settings.server)
              captureIncomingRequest(span, request, settings);
          } else if (request instanceof ClientRequest && settings.client) {
            captureOutgoingRequest(span, request, settings);
          }
        }),
      config.requestHook,
    ),
    responseHook: composeHook(
      'responseHook',
      (span, response) =>
        guarded('response hook', undefined, () => {
          if (response instanceof IncomingMessage) {
            if (settings.client)
              captureClientResponse(span, response, settings);
          } else if (settings.server) {
            captureServerResponse(span, response, settings);
          }
        }),
      config.responseHook,
    ),
  };
}
