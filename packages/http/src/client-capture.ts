import type { Span } from '@opentelemetry/api';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { CaptureSettings } from './capture-settings';
import { exchangeFor } from './exchange';
import { objectEntries } from './header-render';
import { tapPush, tapWrites } from './stream-taps';

/** Starts capture of an outgoing request; called from the `requestHook`. */
export function captureOutgoingRequest(
  span: Span,
  request: ClientRequest,
  settings: CaptureSettings,
): void {
  const exchange = exchangeFor(span, settings);
  if (exchange === undefined) return;
  exchange.request = {
    headers: () => objectEntries(request.getHeaders()),
    bodyHeaders: () => ({
      contentType: request.getHeader('content-type'),
      contentEncoding: request.getHeader('content-encoding'),
    }),
  };
  if (exchange.requestBody !== undefined) {
    tapWrites(request as never, exchange.requestBody);
  }
}

/** Starts capture of the response to an outgoing request; called from the `responseHook`. */
export function captureClientResponse(
  span: Span,
  response: IncomingMessage,
  settings: CaptureSettings,
): void {
  const exchange = exchangeFor(span, settings);
  if (exchange === undefined) return;
  exchange.response = {
    headers: () => objectEntries(response.headers),
    bodyHeaders: () => ({
      contentType: response.headers['content-type'],
      contentEncoding: response.headers['content-encoding'],
      contentLength: response.headers['content-length'],
    }),
  };
  if (exchange.responseBody !== undefined) {
    tapPush(response as never, exchange.responseBody);
  }
}
