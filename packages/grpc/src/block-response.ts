import type { BlockVerdict } from '@tracegate/blocking';
import type { AnyFunction, MethodKind } from './internal-types';
import { cutUtf8 } from './message-json';
import { isMetadata } from './metadata-render';
import { hasSingleResponse } from './method-kind';
import { logErrorOnce } from './safe';

/** gRPC status PERMISSION_DENIED, the default of a blocked call. */
export const STATUS_PERMISSION_DENIED = 7;
const MAX_STATUS = 16;

// The status message travels in the `grpc-message` trailer, percent-encoded,
// so a long verdict body could exceed the client's header size limit.
const MAX_DETAILS_BYTES = 1024;
const DEFAULT_DETAILS = 'request blocked';

// Metadata keys that gRPC or HTTP/2 reserve, or that describe an HTTP body
// that a gRPC response does not have.
const RESERVED_KEYS = new Set([
  'connection',
  'content-encoding',
  'content-length',
  'content-type',
  'host',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** The error that grpc-js turns into the status of a blocked call. */
export interface BlockedCallError extends Error {
  code: number;
  details: string;
  metadata?: unknown;
}

/**
 * Ends a blocked call with the verdict's status through grpc-js's own
 * mechanisms, so the client gets an ordinary `ServiceError`. Unary and
 * client-streaming calls end through the handler's callback. Calls with a
 * response stream end with an `'error'` event, which grpc-js's server
 * stream turns into the final status.
 */
export function endBlockedCall(
  call: object,
  kind: MethodKind,
  callback: unknown,
  verdict: BlockVerdict,
): void {
  endWithError(call, kind, callback, blockedCallError(verdict, call));
}

/** Ends a call with an error status as grpc-js's handler API allows. */
export function endWithError(
  call: object,
  kind: MethodKind,
  callback: unknown,
  error: Error,
): void {
  if (hasSingleResponse(kind)) {
    if (typeof callback === 'function') {
      (callback as AnyFunction).call(undefined, error);
    }
    return;
  }
  (call as NodeJS.EventEmitter).emit('error', error);
}

/**
 * Builds the error for a verdict: its `grpcStatus` (PERMISSION_DENIED by
 * default), its body or reason as status message, and its headers as
 * trailing metadata.
 */
export function blockedCallError(
  verdict: BlockVerdict,
  call: object,
): BlockedCallError {
  const details = blockDetails(verdict);
  const error = new Error(details) as BlockedCallError;
  error.name = 'BlockedCallError';
  error.code = blockStatus(verdict.grpcStatus);
  error.details = details;
  const trailers = verdictTrailers(verdict.headers, call);
  if (trailers !== undefined) error.metadata = trailers;
  return error;
}

function blockStatus(status: unknown): number {
  if (status === undefined) return STATUS_PERMISSION_DENIED;
  const valid =
    Number.isInteger(status) &&
    (status as number) >= 1 &&
    (status as number) <= MAX_STATUS;
  if (valid) return status as number;
  const statusText =
    typeof status === 'number' ? String(status) : typeof status;
  logErrorOnce(
    'blocking status',
    `invalid grpcStatus ${statusText} in a block verdict: expected an integer ` +
      `from 1 to ${MAX_STATUS}, so the call ends with PERMISSION_DENIED ` +
      `(${STATUS_PERMISSION_DENIED}) instead (further invalid values are ` +
      'not logged)',
  );
  return STATUS_PERMISSION_DENIED;
}

/**
 * Returns the status message: the verdict's body (a string as is, an
 * object as JSON), else its reason, cut to 1 KiB. Tracegate adds nothing
 * from the request to it.
 */
function blockDetails(verdict: BlockVerdict): string {
  const { body, reason } = verdict;
  let text: string | undefined;
  if (typeof body === 'string' && body !== '') {
    text = body;
  } else if (typeof body === 'object' && body !== null) {
    text = jsonText(body);
  }
  if (text === undefined && typeof reason === 'string' && reason !== '') {
    text = reason;
  }
  return cutUtf8(text ?? DEFAULT_DETAILS, MAX_DETAILS_BYTES);
}

function jsonText(value: object): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/**
 * Builds trailing metadata from the verdict's headers, with the `Metadata`
 * class of the grpc-js copy that serves the call. Names are lowercased.
 * Names that gRPC reserves (`grpc-*`, `:*`, transport and body headers),
 * binary (`-bin`) names and values that metadata cannot carry are left
 * out, and the first one left out in the process is logged by name.
 */
function verdictTrailers(
  headers: BlockVerdict['headers'],
  call: object,
): object | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const requestMetadata = (call as { metadata?: unknown }).metadata;
  if (!isMetadata(requestMetadata)) return undefined;
  const MetadataClass = requestMetadata.constructor as new () => {
    add(key: string, value: string): void;
  };
  const trailers = new MetadataClass();
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (!isAllowedTrailer(key)) {
      logSkippedHeader(key, 'gRPC reserves the name or it is binary');
      continue;
    }
    try {
      // grpc-js rejects invalid names and non-printable values.
      trailers.add(key, String(value));
    } catch {
      logSkippedHeader(key, 'metadata cannot carry its name or value');
    }
  }
  return trailers;
}

function isAllowedTrailer(key: string): boolean {
  return (
    !key.startsWith('grpc-') &&
    !key.startsWith(':') &&
    !key.endsWith('-bin') &&
    !RESERVED_KEYS.has(key)
  );
}

function logSkippedHeader(key: string, reason: string): void {
  logErrorOnce(
    'blocking header',
    `the block verdict header "${cutUtf8(key, 100)}" is not sent as ` +
      `trailing metadata, because ${reason} (further headers left out are ` +
      'not logged)',
  );
}
