import type { Span } from '@opentelemetry/api';
import { context } from '@opentelemetry/api';
import type { RPCMetadata } from '@opentelemetry/core';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import type { IncomingMessage } from 'node:http';
import type { PathPattern } from './internal-types';
import { guarded } from './safe';

/** Any function an app registers with Express. */
export type AppFunction = (...args: never[]) => unknown;

/** Feature switches of one request, read from the config when it starts. */
export interface Features {
  httpRoute: boolean;
  codeLocation: boolean;
  recordErrors: boolean;
  parsedBody: boolean;
}

/** A mount path that the request is currently inside. */
export interface MountFrame {
  pattern: PathPattern;
  /** The part of the URL path this mount matched, such as `/users`. */
  matchedPath: string;
  /** `req.baseUrl` inside this mount. */
  baseUrl: string;
}

/** Routing facts Tracegate collects about one request while Express routes it. */
export interface RequestState {
  /** The HTTP server span of the request. */
  readonly span: Span;
  readonly recording: boolean;
  readonly features: Features;
  /** Mount paths entered and not yet left, outermost first. */
  readonly mounts: MountFrame[];
  /** Template of the route handling the request, such as `/users/:id`. */
  route: string | undefined;
  /** The application function holding the request: entered, not passed on. */
  handler: AppFunction | undefined;
  /** The function that raised the first recorded error. */
  failedHandler: AppFunction | undefined;
  /** Errors recorded on the span, kept to skip the same error seen twice. */
  readonly errors: unknown[];
  /** The last `req.body` value handed to HTTP capture. */
  parsedBody: unknown;
}

const states = new WeakMap<IncomingMessage, RequestState>();

/** Returns the state of a request that an Express layer has already seen. */
export function existingState(
  request: IncomingMessage,
): RequestState | undefined {
  return states.get(request);
}

/**
 * Returns the state of a request, creating it when the first Express layer
 * handles the request. Returns undefined when no HTTP server span is active,
 * because every feature writes to that span or to its route.
 */
export function stateFor(
  request: IncomingMessage,
  features: () => Features,
  finish: (state: RequestState) => void,
): RequestState | undefined {
  const known = states.get(request);
  if (known !== undefined) return known;
  const metadata = getRPCMetadata(context.active());
  if (metadata?.type !== RPCType.HTTP) return undefined;
  const { span } = metadata;
  const state: RequestState = {
    span,
    recording: span.isRecording(),
    features: features(),
    mounts: [],
    route: undefined,
    handler: undefined,
    failedHandler: undefined,
    errors: [],
    parsedBody: undefined,
  };
  states.set(request, state);
  if (state.features.httpRoute) overrideRoute(metadata, state);
  if (state.recording) runBeforeEnd(span, () => finish(state));
  return state;
}

/**
 * Makes the route that the HTTP instrumentation reads when the response
 * ends come from Tracegate's state. The Express instrumentation writes its
 * own guess into the same field at every layer, and a layer that runs after
 * the route (a logger reached with `next()`) overwrites a good guess. That
 * guess is kept as the fallback for requests that no route responded to.
 */
function overrideRoute(metadata: RPCMetadata, state: RequestState): void {
  let upstreamRoute = metadata.route;
  Object.defineProperty(metadata, 'route', {
    configurable: true,
    enumerable: true,
    get: () => state.route ?? upstreamRoute,
    set: (value: string | undefined) => {
      upstreamRoute = value;
    },
  });
}

/** Runs `step` right before the span ends, whichever code path ends it. */
function runBeforeEnd(span: Span, step: () => void): void {
  // The original is called with the span as `this` below.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originalEnd = span.end;
  span.end = function endAfterExpress(this: Span, ...args) {
    span.end = originalEnd;
    guarded('finish server span', undefined, step);
    return originalEnd.apply(this, args);
  };
}
