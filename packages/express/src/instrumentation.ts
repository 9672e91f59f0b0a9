import { InstrumentationNodeModuleDefinition } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { CodeLocator } from './code-locator';
import type { ExpressTargets } from './express-module';
import { findTargets } from './express-module';
import { LayerHooks } from './layer-hooks';
import { patchExpress, unpatchExpress } from './patches';
import type { Features } from './request-state';
import { guarded, logger } from './safe';
import type { TracegateExpressInstrumentationConfig } from './types';

/** One inspector session and one location cache for the whole process. */
const codeLocator = new CodeLocator();

/** The Express copies this process patched, for unpatching. */
const patchedModules = new WeakMap<object, ExpressTargets>();

/**
 * OpenTelemetry's Express instrumentation with Tracegate additions on the
 * HTTP server span: `http.route` from the route that responded, the
 * responding handler's `code.*` location, errors passed to `next(err)` or
 * thrown, and parsed request bodies for `@tracegate/http`. Upstream's
 * middleware, router and request handler spans are unchanged. Use it in
 * place of `ExpressInstrumentation`, not next to it.
 */
export class TracegateExpressInstrumentation extends ExpressInstrumentation {
  constructor(config: TracegateExpressInstrumentationConfig = {}) {
    super(config);
  }

  override getConfig(): TracegateExpressInstrumentationConfig {
    return super.getConfig();
  }

  override setConfig(config: TracegateExpressInstrumentationConfig = {}): void {
    super.setConfig(config);
  }

  // Runs inside the base constructor, before this class's fields exist, so
  // everything it needs is reached through methods or module constants.
  override init(): InstrumentationNodeModuleDefinition[] {
    const hooks = new LayerHooks(() => this.features(), codeLocator);
    return super.init().map(
      (definition) =>
        new InstrumentationNodeModuleDefinition(
          definition.name,
          definition.supportedVersions,
          (moduleExports: unknown, version?: string): unknown =>
            this.patchModule(definition, hooks, moduleExports, version),
          (moduleExports: unknown, version?: string): void =>
            this.unpatchModule(definition, moduleExports, version),
          definition.files,
        ),
    );
  }

  private features(): Features {
    const config = this.getConfig();
    return {
      httpRoute: config.httpRoute ?? true,
      codeLocation: config.codeLocation ?? true,
      recordErrors: config.recordErrors ?? true,
      parsedBody: config.parsedBody ?? true,
    };
  }

  private patchModule(
    definition: InstrumentationNodeModuleDefinition,
    hooks: LayerHooks,
    moduleExports: unknown,
    version: string | undefined,
  ): unknown {
    // Found before upstream patches, so its span wrapper skips the probe.
    const targets = guarded('find Express internals', undefined, () =>
      findTargets(moduleExports),
    );
    const patched: unknown =
      definition.patch?.(moduleExports, version) ?? moduleExports;
    if (targets === undefined) {
      logger.warn(
        `express ${version ?? '(unknown version)'} does not have the router ` +
          'and layer methods of Express 4 or 5; only the upstream Express ' +
          'instrumentation is active for it',
      );
      return patched;
    }
    guarded('patch Express', undefined, () => {
      patchExpress(targets, hooks, () => this.onUse());
      patchedModules.set(moduleExports as object, targets);
    });
    // An app that registers only routes (`app.get`, `app.all`) never calls
    // `use`, and would otherwise pay for the script listing on its first request.
    this.onUse();
    return patched;
  }

  private unpatchModule(
    definition: InstrumentationNodeModuleDefinition,
    moduleExports: unknown,
    version: string | undefined,
  ): void {
    const targets = patchedModules.get(moduleExports as object);
    if (targets !== undefined) {
      patchedModules.delete(moduleExports as object);
      guarded('unpatch Express', undefined, () => unpatchExpress(targets));
    }
    definition.unpatch?.(moduleExports, version);
  }

  private onUse(): void {
    if (this.getConfig().codeLocation ?? true) codeLocator.scheduleWarmUp();
  }
}
