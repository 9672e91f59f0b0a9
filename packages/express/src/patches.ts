import type { ServerResponse } from 'node:http';
import type { ExpressTargets } from './express-module';
import type {
  ExpressLayer,
  ExpressRequest,
  ExpressRouter,
  HandleError,
  HandleRequest,
  Next,
} from './internal-types';
import type { LayerHooks } from './layer-hooks';
import { recordMountPath, stackLength } from './mount-paths';
import { guarded } from './safe';
import { unwrapMethod, wrapMethod } from './wrap-method';

type Use = (...args: unknown[]) => unknown;

/**
 * Wraps `use` of the router prototype, to record mount paths, and the two
 * layer methods that run handlers, to follow each request. The original
 * methods run unchanged, with their return values and errors; only the
 * `next` callback they receive is wrapped.
 */
export function patchExpress(
  targets: ExpressTargets,
  hooks: LayerHooks,
  onUse: () => void,
): void {
  const { routerPrototype, layerPrototype, methods } = targets;
  wrapMethod(
    routerPrototype,
    'use',
    (original: Use) =>
      function use(this: ExpressRouter, ...args: unknown[]) {
        const before = guarded('record mount path', 0, () => stackLength(this));
        const result = original.apply(this, args);
        guarded('record mount path', undefined, () => {
          recordMountPath(this, before, args);
          onUse();
        });
        return result;
      },
  );
  wrapMethod(layerPrototype, methods.request, (original) => {
    const handleRequest = original as HandleRequest;
    return function (
      this: ExpressLayer,
      request: ExpressRequest,
      response: ServerResponse,
      next: Next,
    ) {
      const replacement = guarded('enter layer', undefined, () =>
        hooks.enterLayer(this, request, response, next),
      );
      return handleRequest.call(this, request, response, replacement ?? next);
    };
  });
  wrapMethod(layerPrototype, methods.error, (original) => {
    const handleError = original as HandleError;
    return function (
      this: ExpressLayer,
      error: unknown,
      request: ExpressRequest,
      response: ServerResponse,
      next: Next,
    ) {
      const replacement = guarded('enter error handler', undefined, () =>
        hooks.enterErrorHandler(this, error, request, next),
      );
      return handleError.call(
        this,
        error,
        request,
        response,
        replacement ?? next,
      );
    };
  });
}

/** Removes the wrappers `patchExpress` added. */
export function unpatchExpress(targets: ExpressTargets): void {
  const { routerPrototype, layerPrototype, methods } = targets;
  unwrapMethod(routerPrototype, 'use');
  unwrapMethod(layerPrototype, methods.request);
  unwrapMethod(layerPrototype, methods.error);
}
