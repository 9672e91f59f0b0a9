/** A wrapper with the properties shimmer sets, which `isWrapped` checks. */
interface MarkedWrapper {
  __original?: unknown;
  __unwrap?: () => void;
  __wrapped?: boolean;
}

/**
 * Replaces `target[name]` with `wrapper(original)` and marks the result as
 * shimmer does. `InstrumentationBase._wrap` is not used because it first
 * unwraps whatever wrapper is already there, and the Express
 * instrumentation has already wrapped `use` of the same router prototype.
 */
export function wrapMethod<Target extends object, Name extends keyof Target>(
  target: Target,
  name: Name,
  wrapper: (original: Target[Name]) => Target[Name],
): void {
  const original = target[name];
  if (typeof original !== 'function') {
    throw new TypeError(`cannot wrap ${String(name)}: it is not a function`);
  }
  const wrapped = wrapper(original);
  const descriptor = Object.getOwnPropertyDescriptor(target, name);
  const mark = (key: keyof MarkedWrapper, value: unknown) =>
    Object.defineProperty(wrapped, key, { value, configurable: true });
  mark('__original', original);
  mark('__wrapped', true);
  mark('__unwrap', () => {
    if (target[name] === wrapped) restore(target, name, original, descriptor);
  });
  Object.defineProperty(target, name, {
    value: wrapped,
    configurable: true,
    writable: true,
    enumerable: descriptor?.enumerable ?? false,
  });
}

/** Puts back the function `wrapMethod` replaced, if it is still in place. */
export function unwrapMethod<Target extends object>(
  target: Target,
  name: keyof Target,
): void {
  const current = target[name] as MarkedWrapper | undefined;
  current?.__unwrap?.();
}

function restore<Target extends object, Name extends keyof Target>(
  target: Target,
  name: Name,
  original: Target[Name],
  descriptor: PropertyDescriptor | undefined,
): void {
  if (descriptor === undefined) {
    // The original came from the prototype chain: removing the own
    // property makes it visible again.
    delete target[name];
    return;
  }
  Object.defineProperty(target, name, { ...descriptor, value: original });
}
