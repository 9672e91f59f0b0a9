import type { Context, Span } from '@opentelemetry/api';
import { context, trace } from '@opentelemetry/api';
import { STATUS_CODES } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AuditState } from '../audit';
import { recordDecisions } from '../audit';
import { isThenable } from '../engine/filter-call';
import { describeError, logger } from '../logger';
import type { Decision, StopDecision } from '../types';
import { HttpRequestView, RequestFacts } from '../view/http-request-view';
import { renderBlockResponse } from './block-response';
import type { GateSpan } from './gate-span';
import { startGateSpan } from './gate-span';
import type { ConnectionOrder } from './connection-order';
import { connectionOrder } from './connection-order';
import { restoreUpgradedReading } from './upgraded-socket';
import type { GateSettings } from './request-gate';

type Emit = (
  this: unknown,
  event: string | symbol,
  ...args: unknown[]
) => boolean;

/** An `upgrade` or `connect` event and how to hand it to the application. */
interface GatedSocketEvent {
  readonly name: 'upgrade' | 'connect';
  readonly request: IncomingMessage;
  readonly socket: Duplex;
  /** The context filters run in, with the span of the request when known. */
  readonly context: Context;
  /** The span that records the decisions: the active one or the gate's. */
  readonly span: Span | undefined;
  /** The span the gate started, when no span was active. */
  readonly gateSpan: GateSpan | undefined;
  readonly audit: AuditState;
  /** Ends the gate's span and emits the original event to the application. */
  readonly resume: () => boolean;
}

/**
 * Runs the headers stage on an `upgrade` (WebSocket handshake) or `connect`
 * event, which Node emits in place of `request` when the server has a
 * listener for it. Without this gate an `Upgrade` header would take any
 * path past the filters. There is no body stage, because the bytes after
 * the headers belong to the upgraded protocol. A block is written to the
 * socket as a plain HTTP response that closes the connection.
 *
 * instrumentation-http 0.223 starts no span for these events, so the gate
 * starts its own server span when none is active and records the decisions
 * on it. That span ends when the block response is written to the socket,
 * or when the socket is handed to the application's listeners. It does not
 * wait for the socket to close, because from the handover on the
 * connection carries WebSocket frames or a tunnel that may stay open for
 * hours. The application also writes its own `101` or `200` to the raw
 * socket, where no response status can be read, and a span open that long
 * would hold its decisions back from the backend.
 */
export function gateSocketEvent(
  settings: GateSettings,
  server: unknown,
  original: Emit,
  name: 'upgrade' | 'connect',
  args: unknown[],
): boolean {
  const request = args[0] as IncomingMessage;
  const active = context.active();
  let facts: RequestFacts;
  let event: GatedSocketEvent;
  let order: ConnectionOrder;
  try {
    facts = new RequestFacts(request, settings.view);
    event = socketEvent(settings, facts, active, name, args, () =>
      context.with(active, () => original.call(server, name, ...args)),
    );
    order = connectionOrder(event.socket);
  } catch (error) {
    logStageFailure(name, error);
    return original.call(server, name, ...args);
  }
  let result: Decision | Promise<Decision>;
  try {
    result = context.with(event.context, () =>
      settings.engine.evaluate(new HttpRequestView(facts, 'headers')),
    );
  } catch (error) {
    logStageFailure(name, error);
    return event.resume();
  }
  if (!isThenable(result)) {
    recordDecisions(event.span, result, event.audit);
    if (order.hasUnsettled()) {
      afterEarlierRequests(order, event, () => act(event, result));
      return true;
    }
    if (result.outcome !== 'block') return event.resume();
    answerBlocked(event, result);
    return true;
  }
  result.then(
    (decision) =>
      context.with(event.context, () => {
        recordDecisions(event.span, decision, event.audit);
        afterEarlierRequests(order, event, () => act(event, decision));
      }),
    (error: unknown) => {
      logStageFailure(name, error);
      afterEarlierRequests(order, event, () => resumeLater(event));
    },
  );
  return true;
}

/**
 * Runs `run` in the event's context once the pipelined requests before the
 * event were handed to the application or blocked, so that the
 * application's `101` or the block response follows their responses, as
 * it does without the gate.
 */
function afterEarlierRequests(
  order: ConnectionOrder,
  event: GatedSocketEvent,
  run: () => void,
): void {
  order.whenSettled(() => context.with(event.context, run));
}

function socketEvent(
  settings: GateSettings,
  facts: RequestFacts,
  active: Context,
  name: 'upgrade' | 'connect',
  args: unknown[],
  emitOriginal: () => boolean,
): GatedSocketEvent {
  const gateSpan = startGateSpan(settings.tracer(), facts, active);
  return {
    name,
    request: facts.request,
    socket: args[1] as Duplex,
    context: gateSpan?.context ?? active,
    span: gateSpan?.span ?? trace.getSpan(active),
    gateSpan,
    audit: { blocked: false },
    resume: () => {
      gateSpan?.end();
      return emitOriginal();
    },
  };
}

function act(event: GatedSocketEvent, decision: Decision): void {
  if (event.socket.destroyed) {
    event.gateSpan?.end();
    return;
  }
  if (decision.outcome !== 'block') {
    resumeLater(event);
    return;
  }
  try {
    answerBlocked(event, decision);
  } catch (error) {
    logStageFailure(event.name, error);
    resumeLater(event);
  }
}

// An error thrown by an application listener is thrown again as an
// uncaught exception, as it would be without the gate, and not turned into
// a rejected promise.
function resumeLater(event: GatedSocketEvent): void {
  if (event.socket.destroyed) {
    event.gateSpan?.end();
    return;
  }
  try {
    restoreUpgradedReading(event.socket);
  } catch (error) {
    logStageFailure(event.name, error);
  }
  try {
    event.resume();
  } catch (error) {
    process.nextTick(() => {
      throw error;
    });
  }
}

function answerBlocked(event: GatedSocketEvent, decision: StopDecision): void {
  const { request, socket } = event;
  const rendered = renderBlockResponse(decision.verdict, request, 'http');
  const body = Buffer.from(rendered.body, 'utf8');
  const lines = [
    `HTTP/1.1 ${rendered.status} ${STATUS_CODES[rendered.status] ?? 'Blocked'}`,
  ];
  // Header values passed validateHeaderValue in the verdict check, so none
  // contains a line break.
  for (const [header, value] of Object.entries(rendered.headers)) {
    lines.push(`${header}: ${value}`);
  }
  lines.push(`content-length: ${body.length}`, 'connection: close', '', '');
  socket.end(Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body]));
  event.gateSpan?.end(rendered.status);
  if (event.span === undefined) {
    logger.debug(
      `filter "${decision.filter}" blocked an ${event.name} request that has no span; the decision is not exported`,
    );
  }
}

function logStageFailure(name: string, error: unknown): void {
  logger.error(
    `blocking stage failed for an ${name} event; the request goes on: ${describeError(error)}`,
  );
}
