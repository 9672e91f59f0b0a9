import {
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { CLIENT_REQUEST_METHODS, wrapClientRequest } from './client-capture';
import type {
  AnyFunction,
  CaptureHost,
  ClientClassLike,
  GrpcClientFileLike,
  GrpcModuleLike,
} from './internal-types';
import type { BlockingSettings } from './blocking-settings';
import { resolveBlockingSettings } from './blocking-settings';
import { unwrapShared, wrapShared } from './patch';
import { wrapRegister } from './server-capture';
import type { CaptureSettings } from './settings';
import { resolveCaptureSettings } from './settings';
import type { TracegateGrpcInstrumentationConfig } from './types';

const INSTRUMENTATION_NAME = '@tracegate/grpc';
const INSTRUMENTATION_VERSION = '0.1.0';
const SUPPORTED_VERSIONS = ['>=1.10.0 <2'];

/**
 * Records redacted request and response messages, metadata, the status and
 * the server handler's code location on the spans that OpenTelemetry's
 * `GrpcInstrumentation` creates for `@grpc/grpc-js` calls, on the server
 * and the client. It creates no spans itself: register
 * `GrpcInstrumentation` too, after this one. With a blocking engine in its
 * config, it also lets the engine stop served calls before their handler
 * runs.
 */
export class TracegateGrpcInstrumentation
  extends InstrumentationBase<TracegateGrpcInstrumentationConfig>
  implements CaptureHost
{
  // Built on first use: the base constructor calls init() and setConfig()
  // before subclass fields exist.
  private settings: CaptureSettings | undefined;
  // Wrapped, so that "no engine configured" is cached too.
  private blocking: { settings: BlockingSettings | undefined } | undefined;

  constructor(config: TracegateGrpcInstrumentationConfig = {}) {
    super(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION, config);
  }

  override setConfig(config: TracegateGrpcInstrumentationConfig = {}): void {
    super.setConfig(config);
    this.settings = undefined;
    this.blocking = undefined;
  }

  /** Returns the capture options with defaults applied. */
  captureSettings(): CaptureSettings {
    this.settings ??= resolveCaptureSettings(this.getConfig().capture);
    return this.settings;
  }

  /** Returns the blocking engine and its options, or undefined without one. */
  blockingSettings(): BlockingSettings | undefined {
    this.blocking ??= { settings: resolveBlockingSettings(this.getConfig()) };
    return this.blocking.settings;
  }

  protected init() {
    // grpc-js's generated client methods call the Client request methods
    // that make-client.js copied when it loaded, so those are patched in
    // client.js itself, before make-client.js reads them.
    const clientFile = new InstrumentationNodeModuleFile(
      '@grpc/grpc-js/build/src/client.js',
      SUPPORTED_VERSIONS,
      (exports: GrpcClientFileLike) => {
        this.patchClient(exports.Client);
        return exports;
      },
      (exports: GrpcClientFileLike | undefined) =>
        this.unpatchClient(exports?.Client),
    );
    return new InstrumentationNodeModuleDefinition(
      '@grpc/grpc-js',
      SUPPORTED_VERSIONS,
      (exports: GrpcModuleLike) => {
        this.patchServer(exports);
        // Covers direct Client calls if the file hook did not run; a
        // method that is already wrapped is left as it is.
        this.patchClient(exports.Client);
        return exports;
      },
      (exports: GrpcModuleLike | undefined) => {
        if (exports?.Server !== undefined) {
          unwrapShared(exports.Server.prototype, 'register');
        }
        this.unpatchClient(exports?.Client);
      },
      [clientFile],
    );
  }

  // NOTE: methods are wrapped once per process. A second instance of this
  // class finds them wrapped and leaves them, so the settings and enabled
  // state of the first instance apply.
  private patchServer(exports: GrpcModuleLike): void {
    if (exports.Server === undefined) return;
    wrapShared(exports.Server.prototype, 'register', (original) =>
      wrapRegister(original, this),
    );
  }

  private patchClient(client: ClientClassLike | undefined): void {
    if (client === undefined) return;
    for (const [name, kind] of CLIENT_REQUEST_METHODS) {
      wrapShared(client.prototype, name, (original: AnyFunction) =>
        wrapClientRequest(original, kind, this),
      );
    }
  }

  private unpatchClient(client: ClientClassLike | undefined): void {
    if (client === undefined) return;
    for (const [name] of CLIENT_REQUEST_METHODS) {
      unwrapShared(client.prototype, name);
    }
  }
}
