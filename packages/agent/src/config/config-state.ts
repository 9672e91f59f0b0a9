import { buildConfig, copyValue } from './build-config';
import type { AnyKeySpec } from './keys';
import { CONFIG_KEYS } from './keys';
import type { ConfigSource, TracegateConfig } from './types';

/** Layer and place that set a key's current value. */
export interface ValueOrigin {
  source: 'default' | ConfigSource;
  /**
   * Names the place in messages, such as `environment variable
   * TRACEGATE_ENABLED`.
   */
  where: string;
}

const DEFAULT_ORIGIN: ValueOrigin = {
  source: 'default',
  where: 'the defaults',
};

/**
 * Current value and origin of every key while the layers are applied in order.
 */
export class ConfigState {
  private readonly values = new Map<string, unknown>();
  private readonly origins = new Map<string, ValueOrigin>();

  constructor() {
    for (const spec of CONFIG_KEYS) {
      this.values.set(spec.key, copyValue(spec.default));
      this.origins.set(spec.key, DEFAULT_ORIGIN);
    }
  }

  /**
   * Stores a checked value over the lower layer's, merging when the key's kind
   * merges.
   */
  set(spec: AnyKeySpec, value: unknown, origin: ValueOrigin): void {
    const lower = this.values.get(spec.key);
    const merged = spec.kind.merge ? spec.kind.merge(lower, value) : value;
    this.values.set(spec.key, merged);
    this.origins.set(spec.key, origin);
  }

  /**
   * Overwrites a key's value without merging, keeping the origin, for checks
   * that correct a value after every layer was applied.
   */
  replace(spec: AnyKeySpec, value: unknown): void {
    this.values.set(spec.key, value);
  }

  /** Returns the current value of a key. */
  valueOf(spec: AnyKeySpec): unknown {
    return this.values.get(spec.key);
  }

  /** Returns the layer and place that set a key's current value. */
  originOf(spec: AnyKeySpec): ValueOrigin {
    return this.origins.get(spec.key) ?? DEFAULT_ORIGIN;
  }

  /** Returns the origin of every key, by dotted key. */
  allOrigins(): ReadonlyMap<string, ValueOrigin> {
    return new Map(this.origins);
  }

  /**
   * Describes which value a key keeps after its new value was rejected, as a
   * sentence of the problem message.
   */
  describeFallback(spec: AnyKeySpec): string {
    const value = this.values.get(spec.key);
    const origin = this.origins.get(spec.key) ?? DEFAULT_ORIGIN;
    const isDefault = origin.source === 'default';
    if (value === undefined) return `Leaving ${spec.key} unset`;
    if (spec.subject !== undefined && typeof value === 'boolean') {
      const state = value ? 'enabled' : 'disabled';
      const from = isDefault ? 'the default' : `set in ${origin.where}`;
      return `Keeping ${spec.subject} ${state} (${from})`;
    }
    const shown = spec.kind.format(value);
    return isDefault
      ? `Using the default ${shown}`
      : `Using ${shown} from ${origin.where}`;
  }

  /** Builds the resulting configuration as a fresh object. */
  toConfig(): TracegateConfig {
    return buildConfig((spec) => copyValue(this.values.get(spec.key)));
  }
}
