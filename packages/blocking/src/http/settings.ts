import type { InstrumentationConfig } from '@opentelemetry/instrumentation';
import type { BlockingEngine } from '../types';

/** Body stage behaviour for a body over a limit. */
export type BodyLimitAction = 'allow' | 'block';

/** Limits of the body stage. */
export interface BodyStageOptions {
  /** Bytes held at most; more ends the hold. @default 1048576 (1 MiB) */
  maxBytes?: number;
  /**
   * Bytes held at most by all requests together; a request whose chunk
   * passes it ends its hold. @default 67108864 (64 MiB)
   */
  maxTotalBytes?: number;
  /** Milliseconds the body may take to arrive. @default 5000 */
  timeoutMs?: number;
  /**
   * `allow`: hand the held bytes and the rest of the body to the application
   * without running the body stage; `block`: respond 413 (size), 408
   * (time) or 503 (total size). @default 'allow'
   */
  onLimit?: BodyLimitAction;
}

/** Configuration of {@link BlockingHttpInstrumentation}. */
export interface BlockingHttpInstrumentationConfig extends InstrumentationConfig {
  /** The engine whose filters decide; without one nothing is patched. */
  engine?: BlockingEngine;
  /** Limits of the body stage, which runs when the engine wants bodies. */
  bodyStage?: BodyStageOptions;
  /** Paths of GraphQL endpoints. @default ['/graphql'] */
  graphqlPaths?: readonly string[];
}

export const DEFAULT_BODY_MAX_BYTES = 1024 * 1024;
export const DEFAULT_BODY_MAX_TOTAL_BYTES = 64 * 1024 * 1024;
export const DEFAULT_BODY_TIMEOUT_MS = 5000;
export const DEFAULT_GRAPHQL_PATHS: readonly string[] = ['/graphql'];

/** Body stage limits with defaults applied. */
export interface BodyLimits {
  readonly maxBytes: number;
  readonly maxTotalBytes: number;
  readonly timeoutMs: number;
  readonly onLimit: BodyLimitAction;
}

/** Applies defaults; an invalid value falls back to its default. */
export function resolveBodyLimits(options: BodyStageOptions = {}): BodyLimits {
  const { maxBytes, maxTotalBytes, timeoutMs, onLimit } = options;
  return {
    maxBytes: byteCount(maxBytes, DEFAULT_BODY_MAX_BYTES),
    maxTotalBytes: byteCount(maxTotalBytes, DEFAULT_BODY_MAX_TOTAL_BYTES),
    timeoutMs:
      Number.isFinite(timeoutMs) && timeoutMs! > 0
        ? timeoutMs!
        : DEFAULT_BODY_TIMEOUT_MS,
    onLimit: onLimit === 'block' ? 'block' : 'allow',
  };
}

function byteCount(value: number | undefined, fallback: number): number {
  return Number.isSafeInteger(value) && value! >= 0 ? value! : fallback;
}
