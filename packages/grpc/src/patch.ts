import type { AnyFunction } from './internal-types';

const ORIGINAL = Symbol('tracegate.original');

type Wrapper = AnyFunction & { [ORIGINAL]?: AnyFunction };

// Wrappers installed on shared objects (class prototypes), by object and
// method name. A wrapper stays listed while it is somewhere in the chain of
// wrappers of that method, even under another instrumentation's.
const installed = new WeakMap<object, Map<string, Wrapper>>();

/**
 * Replaces a method of a shared object (a class prototype) with a wrapper,
 * once. The wrapper is assigned directly and not through shimmer, because
 * instrumentation-grpc's `_wrap` first unwraps any shimmer-wrapped method,
 * which would drop Tracegate's wrapper. Returns false when the method is
 * missing or already wrapped.
 */
export function wrapShared(
  target: object,
  name: string,
  makeWrapper: (original: AnyFunction) => AnyFunction,
): boolean {
  const methods = target as Record<string, unknown>;
  const original = methods[name];
  if (typeof original !== 'function') return false;
  let byName = installed.get(target);
  if (byName?.has(name)) return false;
  const wrapper: Wrapper = makeWrapper(original as AnyFunction);
  wrapper[ORIGINAL] = original as AnyFunction;
  methods[name] = wrapper;
  if (byName === undefined) {
    byName = new Map();
    installed.set(target, byName);
  }
  byName.set(name, wrapper);
  return true;
}

/**
 * Restores a method wrapped by {@link wrapShared} when Tracegate's wrapper is
 * the outermost one. Under another instrumentation's wrapper it stays in
 * place, and the caller's wrapper must pass calls through while disabled.
 */
export function unwrapShared(target: object, name: string): void {
  const methods = target as Record<string, unknown>;
  const wrapper = installed.get(target)?.get(name);
  if (wrapper === undefined || methods[name] !== wrapper) return;
  methods[name] = wrapper[ORIGINAL];
  installed.get(target)?.delete(name);
}

/**
 * Replaces a method of one call object with a wrapper. The wrapper becomes
 * an own property of that object only, so other calls are untouched.
 */
export function wrapOwn(
  target: object,
  name: string,
  makeWrapper: (original: AnyFunction) => AnyFunction,
): void {
  const methods = target as Record<string, unknown>;
  const original = methods[name];
  if (typeof original !== 'function') return;
  methods[name] = makeWrapper(original as AnyFunction);
}
