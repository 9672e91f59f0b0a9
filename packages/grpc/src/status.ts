import type { StatusLike } from './internal-types';

/** gRPC status codes that capture sets itself. */
export const STATUS_OK = 0;
export const STATUS_CANCELLED = 1;
export const STATUS_UNKNOWN = 2;
export const STATUS_DEADLINE_EXCEEDED = 4;

/**
 * Builds the status that grpc-js derives from an error: the error's integer
 * `code` or UNKNOWN, its `details` or `message`, and the trailers given
 * apart from the error or else its `metadata`. Server handlers pass such
 * errors to their callback, and clients receive them as `ServiceError`.
 */
export function statusFromError(
  error: unknown,
  trailers?: unknown,
): StatusLike {
  const fields =
    typeof error === 'object' && error !== null
      ? (error as Record<string, unknown>)
      : {};
  const hasCode = Number.isInteger(fields.code);
  let details = typeof fields.message === 'string' ? fields.message : '';
  if (hasCode && typeof fields.details === 'string') details = fields.details;
  return {
    code: hasCode ? (fields.code as number) : STATUS_UNKNOWN,
    details,
    metadata: trailers ?? fields.metadata,
  };
}

/** Reads a status object that grpc-js emits (`'status'` event), or undefined if it is not one. */
export function readStatus(value: unknown): StatusLike | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  if (!Number.isInteger(fields.code)) return undefined;
  return {
    code: fields.code as number,
    details: typeof fields.details === 'string' ? fields.details : '',
    metadata: fields.metadata,
  };
}
