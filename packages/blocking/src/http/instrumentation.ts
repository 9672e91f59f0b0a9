import { context, trace } from '@opentelemetry/api';
import {
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
} from '@opentelemetry/instrumentation';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeError, logger } from '../logger';
import { normalizeIp } from '../view/client-ip';
import { patchEmit, unpatchEmit } from './emit-patch';
import { HeldBytesBudget } from './held-bytes';
import { gateSocketEvent } from './upgrade-gate';
import type { GateSettings, GateStart } from './request-gate';
import { RequestGate } from './request-gate';
import { recordFor } from './request-record';
import type { BlockingHttpInstrumentationConfig } from './settings';
import { DEFAULT_GRAPHQL_PATHS, resolveBodyLimits } from './settings';

const INSTRUMENTATION_NAME = '@tracegate/blocking';
const INSTRUMENTATION_VERSION = '0.1.0';

type Emit = (
  this: unknown,
  event: string | symbol,
  ...args: unknown[]
) => boolean;

/**
 * Runs the blocking engine's filters on every request that an `http` or
 * `https` server receives, before the application's listeners. Register it
 * before instrumentation-http: its `emit` patch then sits inside the server
 * span, so decisions land on that span.
 */
export class BlockingHttpInstrumentation extends InstrumentationBase<BlockingHttpInstrumentationConfig> {
  private gateSettings: GateSettings | undefined;

  constructor(config: BlockingHttpInstrumentationConfig = {}) {
    super(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION, config);
  }

  override setConfig(config: BlockingHttpInstrumentationConfig = {}): void {
    super.setConfig(config);
    this.gateSettings = undefined;
  }

  protected init(): InstrumentationNodeModuleDefinition[] {
    return ['http', 'https'].map(
      (name) =>
        new InstrumentationNodeModuleDefinition(
          name,
          ['*'],
          (exports: { Server: { prototype: object } }) => {
            this.patchServer(exports.Server.prototype);
            return exports;
          },
          (exports?: { Server: { prototype: object } }) => {
            if (exports !== undefined) unpatchEmit(exports.Server.prototype);
          },
        ),
    );
  }

  private patchServer(prototype: object): void {
    if (this.getConfig().engine === undefined) return;
    const currentSettings = (): GateSettings | undefined =>
      this.isEnabled() ? this.settings() : undefined;
    patchEmit(
      prototype,
      (original) =>
        function tracegateBlockingEmit(this: unknown, event, ...args) {
          const settings = currentSettings();
          if (settings === undefined) {
            return original.call(this, event, ...args);
          }
          if (event === 'request' || event === 'checkContinue') {
            return gateEvent(settings, this, original, event, args);
          }
          if (event === 'upgrade' || event === 'connect') {
            return gateSocketEvent(settings, this, original, event, args);
          }
          return original.call(this, event, ...args);
        },
    );
  }

  /** Settings of the gate, built from the config on first use. */
  private settings(): GateSettings | undefined {
    if (this.gateSettings !== undefined) return this.gateSettings;
    const config = this.getConfig();
    const engine = config.engine;
    if (engine === undefined) return undefined;
    const limits = resolveBodyLimits(config.bodyStage);
    this.gateSettings = {
      engine,
      limits,
      heldBytes: new HeldBytesBudget(limits.maxTotalBytes),
      view: {
        identify:
          engine.identify?.bind(engine) ??
          ((peer) => ({ clientIp: normalizeIp(peer) })),
        graphqlPaths: new Set(config.graphqlPaths ?? DEFAULT_GRAPHQL_PATHS),
      },
    };
    return this.gateSettings;
  }
}

/**
 * Gates one `request` or `checkContinue` event. The original `emit` runs
 * here, outside the try, when the gate lets the request through at once,
 * so an error thrown by an application listener reaches Node unchanged.
 */
function gateEvent(
  settings: GateSettings,
  server: unknown,
  original: Emit,
  event: 'request' | 'checkContinue',
  args: unknown[],
): boolean {
  const request = args[0] as IncomingMessage;
  const response = args[1] as ServerResponse;
  const active = context.active();
  let gate: RequestGate | undefined;
  let start: GateStart;
  try {
    const { record, known } = recordFor(request);
    gate = new RequestGate(
      settings,
      {
        name: event,
        request,
        response,
        span: trace.getSpan(active),
        context: active,
        resume: () => {
          original.call(server, event, ...args);
        },
      },
      record,
    );
    start = gate.start(known);
  } catch (error) {
    logger.error(
      `blocking stage failed for a ${event} event; the request goes on: ${describeError(error)}`,
    );
    start = gate?.recover() ?? 'proceed';
  }
  if (start === 'proceed') return original.call(server, event, ...args);
  return (
    (server as { listenerCount(name: string): number }).listenerCount(event) > 0
  );
}
