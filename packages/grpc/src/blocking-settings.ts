import type { BlockingEngine } from '@tracegate/blocking';
import { logErrorOnce } from './safe';
import type { TracegateGrpcInstrumentationConfig } from './types';
import { DEFAULT_BLOCKING_MAX_BODY_BYTES } from './types';

/** Blocking options with defaults applied, built once per configuration. */
export interface BlockingSettings {
  engine: BlockingEngine;
  maxBodyBytes: number;
  onLimit: 'allow' | 'block';
}

/**
 * Returns the blocking settings, or undefined when no engine is configured.
 * A value that is not an engine is logged and ignored, so a configuration
 * mistake leaves calls unblocked instead of failing every call.
 */
export function resolveBlockingSettings(
  config: TracegateGrpcInstrumentationConfig,
): BlockingSettings | undefined {
  const engine: unknown = config.blocking;
  if (engine === undefined || engine === null) return undefined;
  const evaluate = (engine as { evaluate?: unknown }).evaluate;
  if (typeof evaluate !== 'function') {
    logErrorOnce(
      'blocking config',
      'invalid "blocking" option: expected a blocking engine with an ' +
        'evaluate(view) method; gRPC calls are not blocked',
    );
    return undefined;
  }
  const bytes = config.blockingMaxBodyBytes;
  return {
    engine: engine as BlockingEngine,
    maxBodyBytes:
      Number.isSafeInteger(bytes) && bytes! >= 0
        ? bytes!
        : DEFAULT_BLOCKING_MAX_BODY_BYTES,
    onLimit: config.blockingOnLimit === 'block' ? 'block' : 'allow',
  };
}
