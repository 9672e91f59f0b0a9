import type { Attributes } from '@opentelemetry/api';
import type { FindingSink } from '@tracegate/redact';
import type { IncomingMessage } from 'node:http';
import { ATTR_REQUEST_BODY_PARSED, REQUEST_BODY } from './attributes';
import type { BodyBuffer } from './body-buffer';
import type { CaptureSettings } from './capture-settings';
import { parseMediaType } from './content-type';
import type { Exchange } from './exchange';
import { guarded } from './safe';

const requestExchanges = new WeakMap<IncomingMessage, Exchange>();

/** Remembers the exchange of an incoming request for `setParsedBody`. */
export function linkRequest(
  request: IncomingMessage,
  exchange: Exchange,
): void {
  requestExchanges.set(request, exchange);
}

/**
 * Records the body a framework parsed from this request, such as Express's
 * `req.body` after a body parser, so that capture renders it as redacted
 * JSON under `http.request.body` in place of the raw bytes. The value is
 * serialized at this call, so later changes the app makes to it are not
 * recorded. It does nothing when the request has no capture (sampled out,
 * or request bodies off), and it never throws.
 */
export function setParsedBody(request: IncomingMessage, body: unknown): void {
  guarded('parsed body', undefined, () => {
    requestExchanges.get(request)?.setParsedRequestBody(body);
  });
}

class OverBudget extends Error {}

/**
 * Serializes a parsed body to JSON, or returns undefined when it cannot be
 * (a cycle, a BigInt, a throwing getter) or its JSON would exceed
 * `maxBytes`. The replacer counts the output as it goes and stops early, so
 * a huge body costs at most about `maxBytes` of work before it is dropped.
 */
export function snapshotJson(
  body: unknown,
  maxBytes: number,
  wireSize?: number,
): string | undefined {
  let budget = maxBytes;
  let json: string | undefined;
  try {
    // A body parsed from at most `maxBytes` on the wire serializes to about
    // that size, so the replacer's per-value counting (about half the cost
    // of the call) is needed only for larger or unknown sources.
    json =
      wireSize !== undefined && wireSize <= maxBytes
        ? JSON.stringify(body)
        : JSON.stringify(body, (key, value: unknown) => {
            budget -= key.length + estimatedLength(value);
            if (budget < 0) throw new OverBudget();
            return value;
          });
  } catch {
    return undefined;
  }
  if (json === undefined || Buffer.byteLength(json) > maxBytes) {
    return undefined;
  }
  return json;
}

function estimatedLength(value: unknown): number {
  if (typeof value === 'string') return value.length + 3;
  if (value !== null && typeof value === 'object') return 2;
  return 8;
}

/**
 * Turns a parsed body into span attributes. The wire size still comes from
 * the raw bytes, and a media type outside `contentTypes` is skipped as it
 * would be for the raw body.
 */
export function renderParsedBody(
  json: string,
  buffer: BodyBuffer,
  contentType: string | undefined,
  settings: CaptureSettings,
  findings: FindingSink,
): Attributes {
  const mediaType = parseMediaType(contentType);
  if (
    mediaType === undefined ||
    !settings.contentTypes.matches(mediaType.essence)
  ) {
    return {
      [REQUEST_BODY.size]: buffer.size,
      [REQUEST_BODY.skippedType]: mediaType?.essence ?? 'none',
    };
  }
  return {
    [REQUEST_BODY.size]: buffer.size,
    [REQUEST_BODY.body]: settings.redactor.json(json, findings),
    [REQUEST_BODY.truncated]: false,
    [ATTR_REQUEST_BODY_PARSED]: true,
  };
}
