/**
 * Structural types of the grpc-js objects that capture touches. grpc-js is
 * not a dependency of this package, so these describe only the members read
 * or wrapped, and every value is checked at run time before use.
 */

import type { BlockingSettings } from './blocking-settings';
import type { CaptureSettings } from './settings';

/** The four gRPC method kinds. */
export type MethodKind = 'unary' | 'server_stream' | 'client_stream' | 'bidi';

/** The side of the call that a span records. */
export type Side = 'server' | 'client';

/** The direction of a message: requests flow from client to server. */
export type Direction = 'request' | 'response';

/** The part of grpc-js `Metadata` that capture reads. */
export interface MetadataLike {
  toJSON(): Record<string, unknown[]>;
}

/** A final gRPC status: a code, its message and the trailers. */
export interface StatusLike {
  code: number;
  details: string;
  metadata?: unknown;
}

/** Instrumentation state that the patched grpc-js code reads at call time. */
export interface CaptureHost {
  isEnabled(): boolean;
  captureSettings(): CaptureSettings;
  blockingSettings(): BlockingSettings | undefined;
}

/** Any function, called with the `this` and arguments it was given. */
export type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/** The grpc-js `Client` class, as far as capture patches it. */
export interface ClientClassLike {
  prototype: Record<string, unknown>;
}

/** The grpc-js `Server` class, as far as capture patches it. */
export interface ServerClassLike {
  prototype: Record<string, unknown>;
}

/** The exports of `@grpc/grpc-js` that capture patches. */
export interface GrpcModuleLike {
  Server?: ServerClassLike;
  Client?: ClientClassLike;
}

/** The exports of grpc-js's `build/src/client.js`. */
export interface GrpcClientFileLike {
  Client?: ClientClassLike;
}
