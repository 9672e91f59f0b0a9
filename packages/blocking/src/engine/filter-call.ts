/** Result of one filter call. */
export type CallOutcome =
  | { readonly kind: 'returned'; readonly value: unknown }
  | { readonly kind: 'threw'; readonly error: unknown }
  | { readonly kind: 'timeout' };

/** Tells a promise (or any thenable) from a plain value without awaiting. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Waits for an asynchronous filter result for at most `timeoutMs`. The
 * returned promise never rejects. A result that settles after the time
 * limit is ignored, and its rejection is caught so it cannot become an
 * unhandled rejection.
 */
export function settleWithin(
  pending: PromiseLike<unknown>,
  timeoutMs: number,
): Promise<CallOutcome> {
  return new Promise<CallOutcome>((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
    const settle = (outcome: CallOutcome): void => {
      clearTimeout(timer);
      resolve(outcome);
    };
    try {
      Promise.resolve(pending).then(
        (value) => settle({ kind: 'returned', value }),
        (error: unknown) => settle({ kind: 'threw', error }),
      );
    } catch (error) {
      // A thenable whose `then` getter throws ends here.
      settle({ kind: 'threw', error });
    }
  });
}
