import { Redactor } from '@tracegate/redact';
import { MediaTypeMatcher } from './content-type';
import type { HttpCaptureOptions } from './types';
import { DEFAULT_CONTENT_TYPES, DEFAULT_MAX_BODY_BYTES } from './types';

/** HTTP capture options with every default applied, built once per instrumentation. */
export interface CaptureSettings {
  server: boolean;
  client: boolean;
  requestHeaders: boolean;
  responseHeaders: boolean;
  requestBody: boolean;
  responseBody: boolean;
  maxBodyBytes: number;
  contentTypes: MediaTypeMatcher;
  decompress: boolean;
  redactor: Redactor;
}

/** Applies defaults to user options; invalid values fall back to the default. */
export function resolveCaptureSettings(
  options: HttpCaptureOptions = {},
): CaptureSettings {
  const maxBodyBytes =
    Number.isSafeInteger(options.maxBodyBytes) && options.maxBodyBytes! >= 0
      ? options.maxBodyBytes!
      : DEFAULT_MAX_BODY_BYTES;
  return {
    server: options.server ?? true,
    client: options.client ?? true,
    requestHeaders: options.requestHeaders ?? true,
    responseHeaders: options.responseHeaders ?? true,
    requestBody: options.requestBody ?? true,
    responseBody: options.responseBody ?? true,
    maxBodyBytes,
    contentTypes: new MediaTypeMatcher(
      options.contentTypes ?? DEFAULT_CONTENT_TYPES,
    ),
    decompress: options.decompress ?? true,
    redactor:
      options.redactor instanceof Redactor
        ? options.redactor
        : new Redactor(options.redactor),
  };
}
