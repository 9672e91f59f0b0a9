import { buildConfig, copyValue } from './build-config';
import type { TracegateConfig } from './types';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Configuration with every default applied, built from the key table and deeply
 * frozen.
 */
export const DEFAULT_CONFIG: Readonly<TracegateConfig> = deepFreeze(
  buildConfig((spec) => copyValue(spec.default)),
);
