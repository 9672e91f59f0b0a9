import type { AnyKeySpec } from './keys';
import { CONFIG_KEYS } from './keys';
import type { TracegateConfig } from './types';

/**
 * Builds the nested configuration object from one value per key row. Keys
 * whose value is undefined are left out.
 */
export function buildConfig(
  valueOf: (spec: AnyKeySpec) => unknown,
): TracegateConfig {
  const root: Record<string, unknown> = {};
  for (const spec of CONFIG_KEYS) {
    const segments = spec.key.split('.');
    let level = root;
    // Segment names come from the key table, never from input. hasOwn keeps
    // a polluted Object.prototype.capture from standing in for the group.
    for (const segment of segments.slice(0, -1)) {
      if (!Object.hasOwn(level, segment)) level[segment] = {};
      level = level[segment] as Record<string, unknown>;
    }
    const value = valueOf(spec);
    if (value !== undefined) level[segments[segments.length - 1]] = value;
  }
  // The key table maps every ConfigKey, so the object has the full shape.
  return root as unknown as TracegateConfig;
}

/**
 * Copies arrays and plain objects one level deep, so callers never share the
 * table's values.
 */
export function copyValue<T>(value: T): T {
  if (Array.isArray(value)) return [...(value as unknown[])] as T;
  if (typeof value === 'object' && value !== null) return { ...value };
  return value;
}
