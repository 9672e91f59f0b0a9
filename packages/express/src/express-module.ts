import type {
  ExpressLayer,
  ExpressRouter,
  HandleError,
  HandleRequest,
} from './internal-types';

/** The router factory Express exports as `express.Router`. */
type RouterFactory = ((options?: object) => ExpressRouter & RouterMethods) & {
  prototype?: Partial<RouterMethods>;
};

interface RouterMethods {
  use: (...args: unknown[]) => unknown;
  route: (path: string) => unknown;
}

/** Names of the layer methods that run handlers, per Express major version. */
type LayerMethodNames =
  | { request: 'handle_request'; error: 'handle_error' }
  | { request: 'handleRequest'; error: 'handleError' };

/** The objects Tracegate patches in one loaded copy of Express. */
export interface ExpressTargets {
  /** The object whose `use` every router of this Express copy calls. */
  routerPrototype: RouterMethods;
  /** The prototype of every router and route layer. */
  layerPrototype: Record<string, HandleRequest | HandleError | undefined>;
  methods: LayerMethodNames;
}

/**
 * Finds the router and layer prototypes of a loaded Express module, or
 * returns undefined when its shape is not the one of Express 4 or 5. The
 * layer class is not exported, so a throwaway router built by the app's own
 * Express reveals its prototype. Call it before the Express instrumentation
 * patches the module, so the throwaway layer gets no span wrapper.
 */
export function findTargets(
  moduleExports: unknown,
): ExpressTargets | undefined {
  const factory = (moduleExports as { Router?: unknown } | undefined)?.Router;
  if (typeof factory !== 'function') return undefined;
  const Router = factory as RouterFactory;
  // Express 5 routers inherit `use` from Router.prototype; Express 4 routers
  // inherit it from the Router function object itself.
  const routerPrototype = (
    typeof Router.prototype?.route === 'function' ? Router.prototype : Router
  ) as RouterMethods;
  const probe = Router();
  probe.route('/');
  const layer: ExpressLayer | undefined = probe.stack?.[0];
  if (layer === undefined) return undefined;
  const layerPrototype = Object.getPrototypeOf(layer) as Record<
    string,
    HandleRequest | HandleError | undefined
  >;
  const methods = layerMethodNames(layerPrototype);
  if (methods === undefined) return undefined;
  return { routerPrototype, layerPrototype, methods };
}

function layerMethodNames(
  prototype: Record<string, unknown>,
): LayerMethodNames | undefined {
  if (
    typeof prototype.handleRequest === 'function' &&
    typeof prototype.handleError === 'function'
  ) {
    return { request: 'handleRequest', error: 'handleError' };
  }
  if (
    typeof prototype.handle_request === 'function' &&
    typeof prototype.handle_error === 'function'
  ) {
    return { request: 'handle_request', error: 'handle_error' };
  }
  return undefined;
}
