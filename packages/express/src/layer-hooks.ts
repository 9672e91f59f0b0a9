import type { ServerResponse } from 'node:http';
import type { CodeLocator } from './code-locator';
import { isRoutingError, recordFailure } from './errors';
import type {
  ExpressLayer,
  ExpressRequest,
  ExpressRoute,
  LayerHandle,
  Next,
  PathPattern,
} from './internal-types';
import { mountPathOf } from './mount-paths';
import { noteParsedBody } from './parsed-body';
import type {
  AppFunction,
  Features,
  MountFrame,
  RequestState,
} from './request-state';
import { existingState, stateFor } from './request-state';
import { joinTemplate, patternText } from './route-template';
import { guarded } from './safe';
import { finishServerSpan } from './span-finish';

/** Shimmer wrappers nest; this caps how many are unwrapped. */
const MAX_WRAPPER_DEPTH = 4;

/**
 * Follows one request through Express's layers. Each hook returns the
 * `next` to hand to the layer in place of Express's own, or undefined to
 * leave the layer untouched.
 */
export class LayerHooks {
  constructor(
    private readonly features: () => Features,
    private readonly locator: CodeLocator,
  ) {}

  /** Runs before a layer's request handler (`handle_request` / `handleRequest`). */
  enterLayer(
    layer: ExpressLayer,
    request: ExpressRequest,
    response: ServerResponse,
    next: Next,
  ): Next | undefined {
    if (typeof next !== 'function') return undefined;
    const state = stateFor(request, this.features, (finished) =>
      finishServerSpan(finished, this.locator),
    );
    if (state === undefined) return undefined;
    if (state.recording && state.features.parsedBody) {
      noteParsedBody(request, state);
    }
    // Express skips error handlers (four parameters) on this path.
    if (typeof layer.handle !== 'function' || layer.handle.length > 3) {
      return undefined;
    }
    if (layer.route !== undefined) {
      return enterRoute(state, layer.route, request, response, next);
    }
    return enterFunction(state, layer, request, response, next);
  }

  /** Runs before a layer's error handler (`handle_error` / `handleError`). */
  enterErrorHandler(
    layer: ExpressLayer,
    incoming: unknown,
    request: ExpressRequest,
    next: Next,
  ): Next | undefined {
    if (typeof next !== 'function') return undefined;
    // Express passes the error on without calling other layers' functions.
    if (typeof layer.handle !== 'function' || layer.handle.length !== 4) {
      return undefined;
    }
    const state = existingState(request);
    if (state === undefined) return undefined;
    return function nextAfterErrorHandler(this: unknown, ...args: unknown[]) {
      guarded('leave error handler', undefined, () => {
        const [error] = args;
        if (isRoutingError(error) && error !== incoming) {
          recordFailure(state, error, undefined);
        }
      });
      return next.apply(this, args as [unknown]);
    };
  }
}

/**
 * Enters a route layer: the route's template becomes the request's
 * `http.route`. If the route passes the request on without having sent a
 * response (`next()`, `next('route')`), the previous template is restored.
 * After an error or a sent response the template stays.
 */
function enterRoute(
  state: RequestState,
  route: ExpressRoute,
  request: ExpressRequest,
  response: ServerResponse,
  next: Next,
): Next | undefined {
  // A route reached after the response was sent did not send it.
  if (!state.features.httpRoute || response.headersSent) return undefined;
  const previousRoute = state.route;
  state.route = routeTemplate(state, route, request);
  return function nextAfterRoute(this: unknown, ...args: unknown[]) {
    guarded('leave route', undefined, () => {
      if (!isRoutingError(args[0]) && !response.headersSent) {
        state.route = previousRoute;
      }
    });
    return next.apply(this, args as [unknown]);
  };
}

/**
 * Enters a middleware, handler or mounted router. The layer's mount path is
 * pushed for the routes inside it, and an application function becomes the
 * request's handler until it passes the request on without a response.
 */
function enterFunction(
  state: RequestState,
  layer: ExpressLayer,
  request: ExpressRequest,
  response: ServerResponse,
  next: Next,
): Next {
  const pattern = mountPathOf(layer);
  const frame =
    pattern === undefined ? undefined : pushMount(state, pattern, request);
  const fn = applicationFunction(layer.handle);
  const previousHandler = state.handler;
  // A function reached after the response was sent did not send it.
  if (fn !== undefined && !response.headersSent) state.handler = fn;
  let left = false;
  return function nextAfterLayer(this: unknown, ...args: unknown[]) {
    guarded('leave layer', undefined, () => {
      if (!left && frame !== undefined) popMount(state, frame);
      left = true;
      const [error] = args;
      if (isRoutingError(error)) {
        recordFailure(state, error, fn);
      } else if (
        fn !== undefined &&
        state.handler === fn &&
        !response.headersSent
      ) {
        state.handler = previousHandler;
      }
    });
    return next.apply(this, args as [unknown]);
  };
}

function routeTemplate(
  state: RequestState,
  route: ExpressRoute,
  request: ExpressRequest,
): string {
  const mounts = state.mounts.map((frame) =>
    patternText(frame.pattern, frame.matchedPath),
  );
  const path = (request.url ?? '').split('?', 1)[0];
  return joinTemplate([...mounts, patternText(route.path, path)]);
}

function pushMount(
  state: RequestState,
  pattern: PathPattern,
  request: ExpressRequest,
): MountFrame {
  // Express has already added this mount's matched part to `req.baseUrl`.
  const parentBaseUrl = state.mounts.at(-1)?.baseUrl ?? '';
  const baseUrl = typeof request.baseUrl === 'string' ? request.baseUrl : '';
  const frame: MountFrame = {
    pattern,
    matchedPath: baseUrl.startsWith(parentBaseUrl)
      ? baseUrl.slice(parentBaseUrl.length)
      : baseUrl,
    baseUrl,
  };
  state.mounts.push(frame);
  return frame;
}

function popMount(state: RequestState, frame: MountFrame): void {
  const index = state.mounts.lastIndexOf(frame);
  if (index !== -1) state.mounts.splice(index, 1);
}

/**
 * Returns the application's function behind a layer, under any shimmer
 * wrappers (the Express instrumentation wraps `use` layers), or undefined
 * for routers and mounted sub-apps, which only hand the request to their
 * own layers.
 */
function applicationFunction(handle: LayerHandle): AppFunction | undefined {
  let fn: LayerHandle = handle;
  for (let depth = 0; depth < MAX_WRAPPER_DEPTH; depth++) {
    if (typeof fn.__original !== 'function') break;
    fn = fn.__original as LayerHandle;
  }
  if (Array.isArray(fn.stack) || fn.name === 'mounted_app') return undefined;
  return fn;
}
