import type { Exception } from '@opentelemetry/api';
import type { AppFunction, RequestState } from './request-state';

/** Errors recorded per request; the rest are counted by Express alone. */
const MAX_RECORDED_ERRORS = 8;

/**
 * Tells whether a value passed to `next` is an error. Express treats every
 * truthy value as one, except the routing signals `'route'` and `'router'`.
 */
export function isRoutingError(value: unknown): boolean {
  return Boolean(value) && value !== 'route' && value !== 'router';
}

/**
 * Records an error on the server span as an exception event, once per error
 * object, and remembers the application function that raised the first.
 */
export function recordFailure(
  state: RequestState,
  error: unknown,
  raisedBy: AppFunction | undefined,
): void {
  if (state.errors.includes(error)) return;
  if (state.errors.length >= MAX_RECORDED_ERRORS) return;
  state.errors.push(error);
  state.failedHandler ??= raisedBy;
  if (state.recording && state.features.recordErrors) {
    state.span.recordException(asException(error));
  }
}

/**
 * Returns the `error.type` of an error: its class name, then its `name`;
 * `_OTHER` for values that are not Error objects, as the semantic
 * conventions ask.
 */
export function errorType(error: unknown): string {
  if (!(error instanceof Error)) return '_OTHER';
  const className: unknown = error.constructor?.name;
  if (
    typeof className === 'string' &&
    className !== '' &&
    className !== 'Error'
  ) {
    return className;
  }
  return typeof error.name === 'string' && error.name !== ''
    ? error.name
    : 'Error';
}

/** Returns the span status message for an error. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return String(error.message);
  return typeof error === 'string' ? error : errorType(error);
}

function asException(error: unknown): Exception {
  if (error instanceof Error || typeof error === 'string') return error;
  return { name: errorType(error), message: errorMessage(error) };
}
