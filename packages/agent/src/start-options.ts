import type { Filter, FilterFunction } from '@tracegate/blocking';
import type { TracegateOptions } from './config';

/**
 * Options of `start()`: the configuration options, plus blocking filters
 * written in code, which no file or environment variable can hold.
 */
export type StartOptions = TracegateOptions & {
  blocking?: {
    /** Filters that run after the filter modules, in this order. */
    filters?: ReadonlyArray<Filter | FilterFunction>;
  };
};

/**
 * Separates the filters given in code from the configuration options, so
 * `loadConfig` does not report `blocking.filters` as an unknown key.
 */
export function splitStartOptions(options: unknown): {
  configOptions: TracegateOptions | undefined;
  filters: unknown;
} {
  if (typeof options !== 'object' || options === null) {
    return {
      configOptions: options as TracegateOptions | undefined,
      filters: undefined,
    };
  }
  const blocking = (options as { blocking?: unknown }).blocking;
  if (
    typeof blocking !== 'object' ||
    blocking === null ||
    !Object.hasOwn(blocking, 'filters')
  ) {
    return { configOptions: options, filters: undefined };
  }
  const { filters, ...rest } = blocking as { filters?: unknown };
  return {
    configOptions: { ...options, blocking: rest },
    filters,
  };
}
