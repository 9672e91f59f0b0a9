import type { Attributes } from '@opentelemetry/api';
import type { FindingSink } from '@tracegate/redact';
import type { BodyAttributeNames } from './attributes';
import type { BodyBuffer } from './body-buffer';
import type { CaptureSettings } from './capture-settings';
import type { MediaType } from './content-type';
import { parseMediaType } from './content-type';
import { decompress } from './decompress';
import { summarizeMultipart } from './multipart';
import { decodeText } from './text-decode';

/** Header values that decide how a body is decoded. */
export interface BodyHeaders {
  contentType: unknown;
  contentEncoding: unknown;
  /** The declared Content-Length, when the message has one. */
  contentLength?: unknown;
}

/**
 * Turns a captured body into redacted span attributes. `complete` is false
 * when the span ends before the body's last byte was seen.
 */
export function renderBody(
  buffer: BodyBuffer,
  headers: BodyHeaders,
  names: BodyAttributeNames,
  settings: CaptureSettings,
  complete: boolean,
  findings: FindingSink,
): Attributes {
  if (buffer.size === 0) return {};
  const attributes: Attributes = { [names.size]: buffer.size };
  const mediaType = parseMediaType(headerText(headers.contentType));
  if (
    mediaType === undefined ||
    !settings.contentTypes.matches(mediaType.essence)
  ) {
    attributes[names.skippedType] = mediaType?.essence ?? 'none';
    return attributes;
  }
  let bytes = buffer.bytes();
  let partial = buffer.overLimit || !complete;
  const encoding = headerText(headers.contentEncoding);
  if (encoding !== undefined && !isIdentity(encoding)) {
    if (!settings.decompress) {
      attributes[names.skippedType] =
        `${mediaType.essence}; encoding=${encoding}`;
      return attributes;
    }
    const decoded = decompress(bytes, encoding, settings.maxBodyBytes);
    bytes = decoded.bytes;
    if (decoded.problem !== undefined) {
      attributes[names.decodeProblem] = decoded.problem;
      partial = true;
    }
  }
  if (!complete) attributes[names.decodeProblem] ??= 'incomplete';
  attributes[names.body] = redactedText(
    bytes,
    mediaType,
    settings,
    partial,
    findings,
  );
  attributes[names.truncated] = partial;
  return attributes;
}

function redactedText(
  bytes: Buffer,
  mediaType: MediaType,
  settings: CaptureSettings,
  partial: boolean,
  findings: FindingSink,
): string {
  const { redactor } = settings;
  if (mediaType.essence === 'multipart/form-data' && mediaType.boundary) {
    const summary = summarizeMultipart(
      bytes,
      mediaType.boundary,
      settings.maxBodyBytes,
    );
    const parts = summary.parts.map((part) =>
      'value' in part
        ? { ...part, value: redactor.field(part.field, part.value, findings) }
        : part,
    );
    return JSON.stringify({ parts, incomplete: summary.incomplete });
  }
  const { text } = decodeText(bytes, mediaType.charset, partial);
  return redactor.body(text, mediaType.essence, findings, partial);
}

function isIdentity(encoding: string): boolean {
  return encoding.trim().toLowerCase() === 'identity';
}

/** Reads a header value that Node may give as a string, number or array. */
export function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && typeof value[0] === 'string')
    return value.join(', ');
  return undefined;
}
