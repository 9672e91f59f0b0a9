import type { TracegateConfig } from './types';

// A nested object is a group of keys unless it is a free-form record such as
// `export.headers`, whose index signature makes it a single value.
type IsGroup<V> =
  NonNullable<V> extends readonly unknown[]
    ? false
    : NonNullable<V> extends object
      ? string extends keyof NonNullable<V>
        ? false
        : true
      : false;

type LeafPaths<T, Prefix extends string = ''> = {
  [K in keyof T & string]-?: IsGroup<T[K]> extends true
    ? LeafPaths<NonNullable<T[K]>, `${Prefix}${K}.`>
    : `${Prefix}${K}`;
}[keyof T & string];

/**
 * Dotted path of every single-valued setting, such as `capture.maxBodyBytes`.
 */
export type ConfigKey = LeafPaths<TracegateConfig>;

/** Value type of the setting at a dotted path. */
export type ConfigValue<
  P extends string,
  T = TracegateConfig,
> = P extends `${infer Head}.${infer Rest}`
  ? Head extends keyof T
    ? ConfigValue<Rest, NonNullable<T[Head]>>
    : never
  : P extends keyof T
    ? T[P]
    : never;

/** Splits a dotted key into its path segments. */
export function keySegments(key: string): string[] {
  return key.split('.');
}
