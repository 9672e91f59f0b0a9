import type { Span } from '@opentelemetry/api';
import { context } from '@opentelemetry/api';
import type { InstrumentationModuleFile } from '@opentelemetry/instrumentation';
import {
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { ChannelCapture } from './channel-capture';
import { CodeLocator } from './code-location';
import { composeHook } from './compose-hook';
import { unwrapExecute, wrapExecute } from './execute-patch';
import type { ExecutionRecord } from './execution-record';
import { RECORD_KEY } from './execution-record';
import { capturePrinter, captureVisitor } from './graphql-language';
import type { Resolver } from './internal-types';
import {
  installResolveAccessors,
  setUpstreamWrappersActive,
  trackedDefaultResolver,
  untracked,
} from './resolver-tracking';
import { captureOperation } from './operation-capture';
import { wrapParse, wrapValidate } from './parse-validate';
import { guarded, logger } from './safe';
import type { CaptureSettings } from './settings';
import { resolveCaptureSettings } from './settings';
import type { TracegateGraphqlInstrumentationConfig } from './types';

/** graphql versions whose CommonJS files this instrumentation patches. */
const SUPPORTED_VERSIONS = ['>=16.0.0 <17'];
/**
 * graphql versions whose main module is read for `visit` and `print`.
 * graphql 17 is captured through its diagnostics channels instead of
 * patches, so only its main module is looked at.
 */
const LANGUAGE_VERSIONS = ['>=16.0.0 <18'];
const EXECUTE_FILE = 'graphql/execution/execute.js';

type ModuleExports = Record<string, unknown>;
type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/** One locator for the process: locations are cached per resolver function. */
const locator = new CodeLocator();

/**
 * OpenTelemetry's GraphQL instrumentation with Tracegate capture: the
 * document with literals masked, variables redacted by the arguments they
 * feed, result errors with status ERROR, and the code location of failing
 * and slow resolvers. Span names and upstream attributes stay
 * instrumentation-graphql's; `allowValues` is always off, because it would
 * record raw variables.
 */
export class TracegateGraphqlInstrumentation extends GraphQLInstrumentation {
  // Assigned in setConfig and enable, which the base constructor calls
  // before class fields would be initialized; `declare` keeps TypeScript
  // from resetting them afterwards.
  declare private captureSettings: CaptureSettings;
  declare private channels: ChannelCapture | undefined;

  constructor(config: TracegateGraphqlInstrumentationConfig = {}) {
    super(config);
  }

  override setConfig(config: TracegateGraphqlInstrumentationConfig = {}): void {
    if (config.allowValues === true) {
      logger.warn(
        'allowValues: true is ignored because it records raw variable ' +
          'values; Tracegate records them redacted as tracegate.graphql.variables',
      );
    }
    this.captureSettings = resolveCaptureSettings(config.capture);
    super.setConfig({
      ...config,
      allowValues: false,
      responseHook: composeHook(
        'responseHook',
        (span: Span, result: unknown) =>
          guarded('response hook', undefined, () =>
            this.finishOperation(span, result),
          ),
        config.responseHook,
      ),
    });
  }

  override enable(): void {
    super.enable();
    setUpstreamWrappersActive(true);
    // The base constructor calls enable() before class fields exist.
    this.channels ??= new ChannelCapture({
      tracer: () => this.tracer,
      settings: () => this.captureSettings,
      locator,
    });
    this.channels.subscribe();
  }

  override disable(): void {
    super.disable();
    setUpstreamWrappersActive(false);
    this.channels?.unsubscribe();
  }

  protected override init(): InstrumentationNodeModuleDefinition {
    const upstream = super.init();
    const upstreamExecute = upstream.files.find(
      (file) => file.name === EXECUTE_FILE,
    );
    const files: InstrumentationModuleFile[] = [
      this.patchFile('graphql/language/parser.js', 'parse', (original) =>
        wrapParse(original, () => this.tracer),
      ),
      this.patchFile('graphql/validation/validate.js', 'validate', (original) =>
        wrapValidate(
          original,
          () => this.tracer,
          () => this.captureSettings,
        ),
      ),
      this.fieldsFile(),
      observeFile('graphql/language/visitor.js', captureVisitor),
      observeFile('graphql/language/printer.js', capturePrinter),
    ];
    if (upstreamExecute !== undefined) {
      files.unshift(this.executeFile(upstreamExecute));
    }
    return new InstrumentationNodeModuleDefinition(
      'graphql',
      LANGUAGE_VERSIONS,
      (moduleExports: unknown) => {
        guarded('read graphql', undefined, () => {
          captureVisitor(moduleExports);
          capturePrinter(moduleExports);
        });
        guarded('code location warm-up', undefined, () => {
          if (this.captureSettings.codeLocations) locator.scheduleWarmUp();
        });
        return moduleExports;
      },
      undefined,
      files,
    );
  }

  /**
   * Layers Tracegate's execute wrapper over instrumentation-graphql's, so the
   * operation's record is in the context before upstream starts the span and
   * wraps the resolvers.
   */
  private executeFile(
    upstream: InstrumentationModuleFile,
  ): InstrumentationModuleFile {
    return new InstrumentationNodeModuleFile(
      EXECUTE_FILE,
      SUPPORTED_VERSIONS,
      (moduleExports: ModuleExports, version?: string) => {
        // Replaced before upstream patches, so its resolver wrapper and
        // servers that read the export (Apollo Server) call the tracked one.
        const defaultResolver = moduleExports.defaultFieldResolver;
        const trackedDefault =
          typeof defaultResolver === 'function'
            ? trackedDefaultResolver(defaultResolver as Resolver)
            : undefined;
        if (trackedDefault !== undefined) {
          moduleExports.defaultFieldResolver = trackedDefault;
        }
        const patched = upstream.patch(moduleExports, version) as ModuleExports;
        const execute = patched.execute;
        if (typeof execute === 'function') {
          patched.execute = wrapExecute(
            execute as AnyFunction,
            trackedDefault,
            {
              settings: () => this.captureSettings,
              keepDefaultResolver: () =>
                this.getConfig().ignoreTrivialResolveSpans === true,
            },
          );
        }
        return patched;
      },
      (moduleExports?: ModuleExports, version?: string) => {
        if (moduleExports !== undefined) {
          moduleExports.execute = unwrapExecute(moduleExports.execute);
        }
        upstream.unpatch(moduleExports, version);
        if (moduleExports !== undefined) {
          moduleExports.defaultFieldResolver = untracked(
            moduleExports.defaultFieldResolver,
          );
        }
      },
    );
  }

  /**
   * Patches `GraphQLObjectType.prototype.getFields` so that each object
   * type's fields get tracked `resolve` accessors when their map is built,
   * before any server wraps the resolvers.
   */
  private fieldsFile(): InstrumentationModuleFile {
    const seen = new WeakSet<object>();
    return new InstrumentationNodeModuleFile(
      'graphql/type/definition.js',
      SUPPORTED_VERSIONS,
      (moduleExports: ModuleExports) => {
        const prototype = objectTypePrototype(moduleExports);
        if (prototype === undefined) return moduleExports;
        this._wrap(
          prototype,
          'getFields',
          ((original: AnyFunction) =>
            function getFields(this: object, ...args: unknown[]) {
              const fields = original.apply(this, args);
              if (!seen.has(this)) {
                seen.add(this);
                guarded('resolver accessors', undefined, () =>
                  installResolveAccessors(fields),
                );
              }
              return fields;
            }) as never,
        );
        return moduleExports;
      },
      (moduleExports?: ModuleExports) => {
        const prototype = objectTypePrototype(moduleExports);
        if (prototype !== undefined) this._unwrap(prototype, 'getFields');
      },
    );
  }

  private patchFile(
    name: string,
    exportName: string,
    wrapper: (original: AnyFunction) => AnyFunction,
  ): InstrumentationModuleFile {
    return new InstrumentationNodeModuleFile(
      name,
      SUPPORTED_VERSIONS,
      (moduleExports: ModuleExports) => {
        this._wrap(moduleExports, exportName, wrapper as never);
        return moduleExports;
      },
      (moduleExports?: ModuleExports) => {
        if (moduleExports !== undefined) {
          this._unwrap(moduleExports, exportName);
        }
      },
    );
  }

  private finishOperation(span: Span, result: unknown): void {
    const record = context.active().getValue(RECORD_KEY) as
      ExecutionRecord | undefined;
    if (record === undefined) return;
    captureOperation(span, record, result, this.captureSettings, locator);
  }
}

function objectTypePrototype(
  moduleExports: ModuleExports | undefined,
): Record<string, unknown> | undefined {
  const type = moduleExports?.GraphQLObjectType as
    { prototype?: Record<string, unknown> } | undefined;
  return typeof type?.prototype?.getFields === 'function'
    ? type.prototype
    : undefined;
}

/** A file hook that only reads from the module, for the language helpers. */
function observeFile(
  name: string,
  observe: (moduleExports: unknown) => void,
): InstrumentationModuleFile {
  return new InstrumentationNodeModuleFile(
    name,
    SUPPORTED_VERSIONS,
    (moduleExports: unknown) => {
      guarded(`read ${name}`, undefined, () => observe(moduleExports));
      return moduleExports;
    },
    () => undefined,
  );
}
