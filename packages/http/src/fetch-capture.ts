import type { Span } from '@opentelemetry/api';
import type {
  UndiciRequest,
  UndiciResponse,
} from '@opentelemetry/instrumentation-undici';
import type { BodyBuffer } from './body-buffer';
import type { CaptureSettings } from './capture-settings';
import { exchangeFor } from './exchange';
import { findHeader, flexibleEntries } from './header-render';
import { guarded } from './safe';

/**
 * The parts of undici's internal request object (the one its diagnostics
 * channels publish) that capture uses. `onData` receives each response body
 * chunk; Node 20's bundled undici 6 publishes no channel for body chunks.
 */
interface UndiciCoreRequest extends UndiciRequest {
  onData?: (chunk: Buffer) => unknown;
  onComplete?: (trailers: unknown) => unknown;
}

/** Starts capture of an outgoing fetch or undici request; called from the `requestHook`. */
export function captureFetchRequest(
  span: Span,
  request: UndiciCoreRequest,
  settings: CaptureSettings,
): void {
  const exchange = exchangeFor(span, settings);
  if (exchange === undefined) return;
  exchange.request = {
    headers: () => flexibleEntries(request.headers),
    bodyHeaders: () => ({
      contentType:
        request.contentType ??
        findHeader(flexibleEntries(request.headers), 'content-type'),
      contentEncoding: findHeader(
        flexibleEntries(request.headers),
        'content-encoding',
      ),
    }),
  };
  if (exchange.requestBody !== undefined) {
    tapRequestBody(request, exchange.requestBody);
  }
  if (exchange.responseBody !== undefined) {
    tapResponseBody(request, exchange.responseBody);
  }
}

/**
 * Records response body chunks as undici hands them to its handler. Both
 * wrappers call the original with the same arguments and return its result,
 * which undici uses for backpressure.
 */
function tapResponseBody(request: UndiciCoreRequest, buffer: BodyBuffer): void {
  const { onData, onComplete } = request;
  if (typeof onData !== 'function' || typeof onComplete !== 'function') return;
  request.onData = function tracegateOnData(this: unknown, chunk: Buffer) {
    guarded('read fetch body chunk', undefined, () => buffer.add(chunk));
    return onData.call(this, chunk);
  };
  request.onComplete = function tracegateOnComplete(
    this: unknown,
    trailers: unknown,
  ) {
    buffer.ended = true;
    return onComplete.call(this, trailers);
  };
}

/** Records the response headers of a fetch; called from the `responseHook`. */
export function captureFetchResponse(
  span: Span,
  response: UndiciResponse,
  settings: CaptureSettings,
): void {
  const exchange = exchangeFor(span, settings);
  if (exchange === undefined) return;
  const headers = flexibleEntries(response.headers);
  exchange.response = {
    headers: () => headers,
    bodyHeaders: () => ({
      contentType: findHeader(headers, 'content-type'),
      contentEncoding: findHeader(headers, 'content-encoding'),
    }),
  };
}

/**
 * Records the request body. Strings and buffers are read directly. Fetch
 * hands undici an async iterable, so that is replaced by one that yields the
 * same chunks and records them on the way.
 */
function tapRequestBody(request: UndiciCoreRequest, buffer: BodyBuffer): void {
  const body: unknown = request.body;
  if (body === null || body === undefined) return;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    buffer.add(body);
    buffer.ended = true;
    return;
  }
  // NOTE: a Node Readable body (undici.request with a stream) is not
  // recorded, because observing it would mean changing how it is consumed.
  if (isNodeStream(body) || !isAsyncIterable(body)) return;
  request.body = recordChunks(body, buffer);
}

async function* recordChunks(
  source: AsyncIterable<unknown>,
  buffer: BodyBuffer,
): AsyncGenerator<unknown> {
  for await (const chunk of source) {
    guarded('read fetch request chunk', undefined, () => buffer.add(chunk));
    yield chunk;
  }
  buffer.ended = true;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] ===
      'function'
  );
}

function isNodeStream(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { pipe?: unknown }).pipe === 'function'
  );
}
