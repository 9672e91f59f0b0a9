import type { Context } from '@opentelemetry/api';
import { context } from '@opentelemetry/api';
import { STATUS_CODES } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { isThenable } from '../engine/filter-call';
import { describeError, logger } from '../logger';
import type { Decision, StopDecision } from '../types';
import { HttpRequestView, RequestFacts } from '../view/http-request-view';
import { renderBlockResponse } from './block-response';
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
  readonly context: Context;
  /** Emits the original event to the application's listeners. */
  readonly resume: () => boolean;
}

/**
 * Runs the headers stage on an `upgrade` (WebSocket handshake) or `connect`
 * event, which Node emits in place of `request` when the server has a
 * listener for it. Without this gate an `Upgrade` header would take any
 * path past the filters. There is no body stage, because the bytes after
 * the headers belong to the upgraded protocol. A block is written to the
 * socket as a plain HTTP response that closes the connection.
 */
export function gateSocketEvent(
  settings: GateSettings,
  server: unknown,
  original: Emit,
  name: 'upgrade' | 'connect',
  args: unknown[],
): boolean {
  const event: GatedSocketEvent = {
    name,
    request: args[0] as IncomingMessage,
    socket: args[1] as Duplex,
    context: context.active(),
    resume: () => original.call(server, name, ...args),
  };
  let result: Decision | Promise<Decision>;
  try {
    const facts = new RequestFacts(event.request, settings.view);
    result = settings.engine.evaluate(new HttpRequestView(facts, 'headers'));
  } catch (error) {
    logStageFailure(name, error);
    return event.resume();
  }
  if (!isThenable(result)) {
    if (result.outcome !== 'block') return event.resume();
    answerBlocked(event, result);
    return true;
  }
  result.then(
    (decision) => context.with(event.context, () => decide(event, decision)),
    (error: unknown) => {
      logStageFailure(name, error);
      context.with(event.context, () => resumeLater(event));
    },
  );
  return true;
}

function decide(event: GatedSocketEvent, decision: Decision): void {
  if (event.socket.destroyed) return;
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
  if (event.socket.destroyed) return;
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
  // instrumentation-http 0.223 starts no span for these events.
  logger.debug(
    `filter "${decision.filter}" blocked an ${event.name} request, which has no server span; the decision is not exported`,
  );
}

function logStageFailure(name: string, error: unknown): void {
  logger.error(
    `blocking stage failed for an ${name} event; the request goes on: ${describeError(error)}`,
  );
}
