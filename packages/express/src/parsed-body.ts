import { setParsedBody } from '@tracegate/http';
import type { ExpressRequest } from './internal-types';
import type { RequestState } from './request-state';

/**
 * Hands `req.body` to HTTP capture when a body parser has filled it since
 * the last call, so the span records the parsed body in place of the raw
 * bytes. `@tracegate/http` serializes it at once, before handlers change it.
 */
export function noteParsedBody(
  request: ExpressRequest,
  state: RequestState,
): void {
  const { body } = request;
  if (body === state.parsedBody || !isParsedBody(request, body)) return;
  state.parsedBody = body;
  setParsedBody(request, body);
}

/**
 * Tells whether `body` is an object a parser produced. Strings and Buffers
 * (from `express.text()` and `express.raw()`) are left to the raw capture,
 * which already contains the same text. Multipart bodies are left to it too,
 * because its summary also lists the uploaded files.
 */
function isParsedBody(request: ExpressRequest, body: unknown): boolean {
  if (body === null || typeof body !== 'object') return false;
  if (ArrayBuffer.isView(body)) return false;
  // body-parser 1.x (Express 4) sets `req.body = {}` on requests it did not
  // parse, and `req._body = true` on those it read.
  if (request._body !== true && isEmptyObject(body)) return false;
  return !isMultipart(request.headers['content-type']);
}

function isEmptyObject(body: object): boolean {
  for (const _key in body) return false;
  return true;
}

function isMultipart(contentType: string | undefined): boolean {
  return (
    typeof contentType === 'string' &&
    contentType.trimStart().toLowerCase().startsWith('multipart/')
  );
}
