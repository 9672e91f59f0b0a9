/** A value, or a promise of it when it had to be waited for. */
export type MaybePromise<T> = T | Promise<T>;

/** Tells whether a value has a `then` method, as promises do. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Calls `next` with the value: at once when it is no promise, so a chain of
 * synchronous steps stays synchronous, and after it settles otherwise.
 */
export function then<T, U>(
  value: MaybePromise<T>,
  next: (value: T) => MaybePromise<U>,
): MaybePromise<U> {
  if (isThenable(value)) return Promise.resolve(value).then(next);
  return next(value);
}
