import { decodeText, decompress, parseMediaType } from '@tracegate/http';
import type { MediaType } from '@tracegate/http';
import { deepFreeze } from '../deep-freeze';
import type { Protocol } from '../types';

/** The held body of a request and the headers that describe its encoding. */
export interface HeldBody {
  readonly bytes: Buffer;
  readonly contentType: string | undefined;
  readonly contentEncoding: string | undefined;
  /** Maximum bytes of decoded output, against decompression bombs. */
  readonly maxDecodedBytes: number;
}

/** A GraphQL request as the body stage shows it. */
export interface GraphqlRequestBody {
  readonly query?: string;
  readonly variables?: unknown;
  readonly operationName?: string;
}

/** Returns the media type of a body, if the request declares one. */
export function bodyMediaType(body: HeldBody): MediaType | undefined {
  return parseMediaType(body.contentType);
}

/**
 * Decodes a held body to text: the Content-Encoding chain first (at most
 * `maxDecodedBytes` of output), then the declared charset, UTF-8 by default.
 * Undecodable compressed input yields what could be decoded.
 */
export function decodeBodyText(body: HeldBody): string {
  let bytes = body.bytes;
  const encoding = body.contentEncoding?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
    bytes = decompress(bytes, encoding, body.maxDecodedBytes).bytes;
  }
  const charset = bodyMediaType(body)?.charset;
  return decodeText(bytes, charset, false).text;
}

/**
 * Parses body text by media type: JSON (`application/json` and `+json`),
 * form fields (`application/x-www-form-urlencoded`) as an object, and for
 * GraphQL requests the `{ query, variables, operationName }` fields.
 * Returns undefined when the type is not one of these or the text does not
 * parse.
 */
export function parseBodyText(
  text: string,
  essence: string | undefined,
  protocol: Protocol,
): unknown {
  if (essence === 'application/graphql') return Object.freeze({ query: text });
  let parsed: unknown;
  if (essence === 'application/json' || essence?.endsWith('+json')) {
    parsed = parseJson(text);
  } else if (essence === 'application/x-www-form-urlencoded') {
    parsed = parseParameters(text);
  }
  if (protocol === 'graphql' && isPlainObject(parsed)) {
    return graphqlFields(parsed);
  }
  return parsed === undefined ? undefined : deepFreeze(parsed);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Parses `a=1&b=2&a=3` into an object without a prototype, so a `__proto__`
 * field is an ordinary field. Repeated names collect in arrays.
 */
export function parseParameters(
  text: string,
): Record<string, string | string[]> {
  const result = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of new URLSearchParams(text)) {
    const existing = result[name];
    if (existing === undefined) result[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else result[name] = [existing, value];
  }
  return result;
}

function graphqlFields(parsed: Record<string, unknown>): GraphqlRequestBody {
  const fields: Record<string, unknown> = {};
  if (typeof parsed.query === 'string') fields.query = parsed.query;
  if (parsed.variables !== undefined) fields.variables = parsed.variables;
  if (typeof parsed.operationName === 'string') {
    fields.operationName = parsed.operationName;
  }
  return deepFreeze(fields);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
