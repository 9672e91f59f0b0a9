import { reportFailure } from './safe';

const USER_HOOK = Symbol('tracegate.graphql.userHook');

type Hook = (...args: never[]) => unknown;
type Composed<T extends Hook> = T & { [USER_HOOK]?: T | undefined };

/**
 * Builds a hook that runs Tracegate's capture, then the user's own hook.
 * The user's hook is remembered on the result, so a config read back with
 * `getConfig()` and passed to `setConfig()` again is not wrapped twice. A
 * user hook that throws is logged once, as instrumentation-graphql would.
 */
export function composeHook<T extends Hook>(
  name: string,
  capture: (...args: Parameters<T>) => void,
  userHook: T | undefined,
): T {
  const original = userHook
    ? ((userHook as Composed<T>)[USER_HOOK] ?? userHook)
    : undefined;
  const composed = function (this: unknown, ...args: Parameters<T>) {
    capture(...args);
    if (original === undefined) return undefined;
    try {
      return original.apply(this, args);
    } catch (error) {
      reportFailure(`user ${name}`, error);
      return undefined;
    }
  } as Composed<T>;
  composed[USER_HOOK] = original;
  return composed;
}
