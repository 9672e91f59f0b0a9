import type { Redactor, RedactorOptions } from '@tracegate/redact';

/** Options of HTTP header and body capture. */
export interface HttpCaptureOptions {
  /** Capture on spans of incoming requests. @default true */
  server?: boolean;
  /** Capture on spans of outgoing requests (http, https, fetch). @default true */
  client?: boolean;
  /** Record request headers as `http.request.header.<name>`. @default true */
  requestHeaders?: boolean;
  /** Record response headers as `http.response.header.<name>`. @default true */
  responseHeaders?: boolean;
  /** Record request bodies as `http.request.body`. @default true */
  requestBody?: boolean;
  /** Record response bodies as `http.response.body`. @default true */
  responseBody?: boolean;
  /** Bytes kept per body, both on the wire and after decoding. @default 131072 */
  maxBodyBytes?: number;
  /**
   * Media types whose bodies are recorded; `type/*` and `type/*+suffix`
   * patterns are allowed. @default DEFAULT_CONTENT_TYPES
   */
  contentTypes?: readonly string[];
  /** Decode gzip, deflate and br bodies before recording them. @default true */
  decompress?: boolean;
  /** The redactor, or options for a new one, applied before any attribute is set. */
  redactor?: Redactor | RedactorOptions;
}

/** Media types whose bodies are recorded when `contentTypes` is not set. */
export const DEFAULT_CONTENT_TYPES: readonly string[] = [
  'application/json',
  'application/*+json',
  'application/x-www-form-urlencoded',
  'text/*',
  'application/xml',
  'application/*+xml',
  'application/graphql',
  'multipart/form-data',
];

/** Default of `maxBodyBytes`: 128 KiB. */
export const DEFAULT_MAX_BODY_BYTES = 128 * 1024;
