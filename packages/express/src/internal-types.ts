import type { IncomingMessage, ServerResponse } from 'node:http';

/** A path as Express accepts it in `use` and `route`: arrays may nest. */
export type PathPattern = string | number | RegExp | readonly PathPattern[];

/** The `next` callback Express passes to handlers. */
export type Next = (error?: unknown) => void;

/** A function stored on an Express layer: middleware, handler or router. */
export type LayerHandle = ((...args: never[]) => unknown) & {
  /** The original function, set by shimmer on the wrappers it creates. */
  __original?: unknown;
  /** Present on routers, which are not application code. */
  stack?: unknown;
};

/** The route object of a layer created by `router.route()` or `app.get()`. */
export interface ExpressRoute {
  path: PathPattern;
}

/**
 * A layer of an Express router or route: `lib/router/layer.js` in Express 4,
 * `lib/layer.js` of the `router` package in Express 5.
 */
export interface ExpressLayer {
  handle: LayerHandle;
  route?: ExpressRoute;
}

/** A router as seen from its `use` method. */
export interface ExpressRouter {
  stack?: ExpressLayer[];
}

/** The request Express passes to handlers (an `IncomingMessage`). */
export type ExpressRequest = IncomingMessage & {
  baseUrl?: string;
  body?: unknown;
  /** Set to true by body-parser 1.x once it has read the body. */
  _body?: unknown;
};

/** The method of a layer that runs a request handler. */
export type HandleRequest = (
  this: ExpressLayer,
  request: ExpressRequest,
  response: ServerResponse,
  next: Next,
) => unknown;

/** The method of a layer that runs an error handler. */
export type HandleError = (
  this: ExpressLayer,
  error: unknown,
  request: ExpressRequest,
  response: ServerResponse,
  next: Next,
) => unknown;
