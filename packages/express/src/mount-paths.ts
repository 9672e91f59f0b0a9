import type {
  ExpressLayer,
  ExpressRouter,
  PathPattern,
} from './internal-types';

/**
 * The path each `use` layer was mounted on. Express compiles the path into a
 * matcher and does not keep the text in Express 4, so it is recorded when
 * `use` creates the layer.
 */
const mountPaths = new WeakMap<ExpressLayer, PathPattern>();

/** Returns the path a `use` layer was mounted on, or undefined for other layers. */
export function mountPathOf(layer: ExpressLayer): PathPattern | undefined {
  return mountPaths.get(layer);
}

/** Records the mount path of the layers one `router.use()` call added. */
export function recordMountPath(
  router: ExpressRouter,
  stackLengthBefore: number,
  args: readonly unknown[],
): void {
  const stack = router.stack;
  if (!Array.isArray(stack)) return;
  const path = mountPathArgument(args);
  for (let index = stackLengthBefore; index < stack.length; index++) {
    mountPaths.set(stack[index], path);
  }
}

/** Returns the stack length of a router, or 0 when it has no stack yet. */
export function stackLength(router: ExpressRouter): number {
  return Array.isArray(router.stack) ? router.stack.length : 0;
}

/**
 * Finds the path argument of `use` the way Express 4 and 5 do: the first
 * argument is a path unless it, or the first leaf of a nested array, is a
 * function. Without one the path is `/`.
 */
export function mountPathArgument(args: readonly unknown[]): PathPattern {
  const first = args[0];
  let leaf = first;
  while (Array.isArray(leaf) && leaf.length !== 0) leaf = leaf[0];
  if (typeof leaf === 'function' || first === undefined) return '/';
  return first as PathPattern;
}
