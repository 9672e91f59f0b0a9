type Emit = (
  this: unknown,
  event: string | symbol,
  ...args: unknown[]
) => boolean;

interface Patched {
  readonly original: Emit;
  readonly wrapper: Emit;
}

// One patch per prototype, found again when http is loaded through both
// require and import, or when the instrumentation is enabled twice.
const patches = new WeakMap<object, Patched>();

/**
 * Replaces `emit` of a server prototype by plain assignment, once.
 * `InstrumentationBase._wrap` removes any wrapper that carries shimmer's
 * markers before it wraps, so instrumentation-http would silently drop a
 * shimmer-made wrapper when it patches `emit` after this one.
 */
export function patchEmit(
  prototype: object,
  makeWrapper: (original: Emit) => Emit,
): void {
  if (patches.has(prototype)) return;
  const target = prototype as { emit: Emit };
  const original = target.emit;
  const wrapper = makeWrapper(original);
  target.emit = wrapper;
  patches.set(prototype, { original, wrapper });
}

/**
 * Restores the original `emit` when this patch is still the outermost one.
 * Under another instrumentation's wrapper it stays in place, so that
 * wrapper keeps working, and returns false: the patch must then pass calls
 * through while disabled.
 */
export function unpatchEmit(prototype: object): boolean {
  const patch = patches.get(prototype);
  if (patch === undefined) return true;
  const target = prototype as { emit: Emit };
  if (target.emit !== patch.wrapper) return false;
  target.emit = patch.original;
  patches.delete(prototype);
  return true;
}
