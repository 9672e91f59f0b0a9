import accepts from 'accepts';
import { STATUS_CODES } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { BlockVerdict, Protocol } from '../types';

/** Status of a block verdict that sets none. */
export const DEFAULT_BLOCK_STATUS = 403;

/** A block response ready to write. */
export interface BlockResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json';

/** `extensions.code` of GraphQL errors, by HTTP status. */
const GRAPHQL_CODES: Readonly<Record<number, string>> = {
  403: 'FORBIDDEN',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

/**
 * Builds the response to a blocked request. A body the filter chose is sent
 * as it is (a string as text, an object as JSON). Otherwise GraphQL requests
 * get a GraphQL error document and other requests a JSON or HTML page,
 * whichever the Accept header prefers. No request value appears in it.
 */
export function renderBlockResponse(
  verdict: BlockVerdict,
  request: IncomingMessage,
  protocol: Protocol,
): BlockResponse {
  const status = verdict.status ?? DEFAULT_BLOCK_STATUS;
  const rendered =
    verdict.body !== undefined
      ? filterBody(verdict.body, status)
      : protocol === 'graphql'
        ? graphqlBody(request, status)
        : defaultBody(request, status);
  const headers: Record<string, string> = {
    'content-type': rendered.contentType,
    'cache-control': 'no-store',
  };
  for (const [name, value] of Object.entries(verdict.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  return { status: rendered.status, headers, body: rendered.body };
}

interface RenderedBody {
  status: number;
  contentType: string;
  body: string;
}

function filterBody(
  body: string | Readonly<Record<string, unknown>>,
  status: number,
): RenderedBody {
  if (typeof body === 'string') {
    return { status, contentType: 'text/plain; charset=utf-8', body };
  }
  return {
    status,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(body),
  };
}

function statusText(status: number): string {
  return STATUS_CODES[status] ?? 'Blocked';
}

function defaultBody(request: IncomingMessage, status: number): RenderedBody {
  const preferred = accepts(request).type(['json', 'html']);
  if (preferred === 'html') {
    const title = `${status} ${statusText(status)}`;
    const body =
      `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${title}</title></head>` +
      `<body><h1>${title}</h1><p>The request was blocked.</p></body></html>\n`;
    return { status, contentType: 'text/html; charset=utf-8', body };
  }
  return {
    status,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({
      error: { status, message: 'The request was blocked.' },
    }),
  };
}

/**
 * GraphQL over HTTP: with `application/graphql-response+json` the status
 * code carries the error, while `application/json` responses to
 * well-formed requests use 200 and put the error in the document only. A
 * request without Accept is answered as `application/json`, as the spec
 * says for legacy clients.
 */
function graphqlBody(request: IncomingMessage, status: number): RenderedBody {
  const wantsResponseType =
    request.headers.accept !== undefined &&
    accepts(request).type([GRAPHQL_RESPONSE_TYPE, 'application/json']) ===
      GRAPHQL_RESPONSE_TYPE;
  const body = JSON.stringify({
    errors: [
      {
        message: 'The request was blocked.',
        extensions: { code: GRAPHQL_CODES[status] ?? 'BLOCKED' },
      },
    ],
  });
  return wantsResponseType
    ? { status, contentType: `${GRAPHQL_RESPONSE_TYPE}; charset=utf-8`, body }
    : { status: 200, contentType: 'application/json; charset=utf-8', body };
}
