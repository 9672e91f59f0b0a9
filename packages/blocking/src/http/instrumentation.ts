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
import { connectionOrder } from './connection-order';
import type { RequestRecord } from './request-record';
import { recordFor } from './request-record';
import type { GateSpan } from './gate-span';
import { startGateSpan } from './gate-span';
import { RequestFacts } from '../view/http-request-view';
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
      tracer: () => this.tracer,
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
  let handOver = (): void => undefined;
  try {
    const { record, known } = recordFor(request);
    if (request.socket !== null) {
      record.ticket ??= connectionOrder(request.socket).enter();
    }
    const facts = new RequestFacts(request, settings.view);
    const own = ownSpan(settings, event, facts, response, record);
    if (own !== undefined) handOver = own.handOver;
    const gateContext = own?.span.context ?? active;
    gate = new RequestGate(
      settings,
      {
        name: event,
        request,
        response,
        span: own?.span.span ?? trace.getSpan(active),
        context: gateContext,
        resume: () => {
          handOver();
          context.with(active, () => original.call(server, event, ...args));
        },
      },
      record,
      facts,
    );
    const started = gate;
    start = context.with(gateContext, () => started.start(known));
  } catch (error) {
    logger.error(
      `blocking stage failed for a ${event} event; the request goes on: ${describeError(error)}`,
    );
    start = gate?.recover() ?? 'proceed';
  }
  if (start === 'proceed') {
    handOver();
    try {
      return original.call(server, event, ...args);
    } finally {
      recordFor(request).record.settleOrder(event);
    }
  }
  return (
    (server as { listenerCount(name: string): number }).listenerCount(event) > 0
  );
}

/**
 * Starts the gate's own server span for a `checkContinue` event, which
 * instrumentation-http 0.223 does not trace. The span ends when the
 * application's listeners get the request, or when the response closes
 * (a block was sent, or the client left first). Decisions of a `request`
 * event that the application emits afterwards for the same request go to
 * instrumentation-http's span of that event.
 */
function ownSpan(
  settings: GateSettings,
  event: 'request' | 'checkContinue',
  facts: RequestFacts,
  response: ServerResponse,
  record: RequestRecord,
): { span: GateSpan; handOver: () => void } | undefined {
  if (event !== 'checkContinue') return undefined;
  const span = startGateSpan(settings.tracer(), facts, context.active());
  if (span === undefined) return undefined;
  response.once('close', () => {
    span.end(response.headersSent ? response.statusCode : undefined);
  });
  return {
    span,
    handOver: () => {
      span.end();
      record.detachSpan(span.span);
    },
  };
}
