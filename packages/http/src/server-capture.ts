import type { Span } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CaptureSettings } from './capture-settings';
import { exchangeFor } from './exchange';
import { findHeader, flexibleEntries, objectEntries } from './header-render';
import type { HeaderEntries } from './header-render';
import { linkRequest } from './parsed-body';
import { tapPush, tapWriteHead, tapWrites } from './stream-taps';

/** Starts capture of an incoming request; called from the `requestHook`. */
export function captureIncomingRequest(
  span: Span,
  request: IncomingMessage,
  settings: CaptureSettings,
): void {
  const exchange = exchangeFor(span, settings);
  if (exchange === undefined) return;
  exchange.request = {
    headers: () => objectEntries(request.headers),
    bodyHeaders: () => ({
      contentType: request.headers['content-type'],
      contentEncoding: request.headers['content-encoding'],
      contentLength: request.headers['content-length'],
    }),
  };
  if (exchange.requestBody !== undefined) {
    tapPush(request as never, exchange.requestBody);
    linkRequest(request, exchange);
  }
}

/** Starts capture of the response to an incoming request; called from the `responseHook`. */
export function captureServerResponse(
  span: Span,
  response: ServerResponse,
  settings: CaptureSettings,
): void {
  const exchange = exchangeFor(span, settings);
  if (exchange === undefined) return;
  let writeHeadHeaders: unknown;
  tapWriteHead(response as never, (headers) => {
    writeHeadHeaders = headers;
  });
  const header = (name: string): unknown =>
    response.getHeader(name) ??
    findHeader(flexibleEntries(writeHeadHeaders), name);
  exchange.response = {
    headers: () => [
      ...objectEntries(response.getHeaders()),
      ...missingFrom(response, flexibleEntries(writeHeadHeaders)),
    ],
    bodyHeaders: () => ({
      contentType: header('content-type'),
      contentEncoding: header('content-encoding'),
    }),
  };
  if (exchange.responseBody !== undefined && !isHead(response)) {
    tapWrites(response as never, exchange.responseBody);
  }
}

function isHead(response: ServerResponse): boolean {
  return response.req?.method === 'HEAD';
}

/** Headers from `writeHead` that `getHeaders()` does not already report. */
function missingFrom(
  response: ServerResponse,
  entries: HeaderEntries,
): HeaderEntries {
  return [...entries].filter(([name]) => !response.hasHeader(name));
}
