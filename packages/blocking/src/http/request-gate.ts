import type { Context, Span, Tracer } from '@opentelemetry/api';
import { context } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ATTR_BLOCKING_BODY_SKIPPED, ATTR_BLOCKING_TOO_LATE } from '../audit';
import { isThenable } from '../engine/filter-call';
import { describeError, logger } from '../logger';
import type {
  BlockingEngine,
  BlockVerdict,
  Decision,
  StopDecision,
} from '../types';
import type { HttpViewSettings } from '../view/http-request-view';
import type { RequestFacts } from '../view/http-request-view';
import { HttpRequestView } from '../view/http-request-view';
import type { HoldLimit } from './body-hold';
import { BodyHold } from './body-hold';
import type { HeldBytesBudget } from './held-bytes';
import { renderBlockResponse } from './block-response';
import { limitDecision } from './limit-decision';
import type { RequestRecord } from './request-record';
import type { BodyLimits } from './settings';

/** Settings of the gate, resolved once per instrumentation config. */
export interface GateSettings {
  readonly engine: BlockingEngine;
  readonly limits: BodyLimits;
  /** Counter of the bytes held by all requests under these settings. */
  readonly heldBytes: HeldBytesBudget;
  readonly view: HttpViewSettings;
  /** Returns the tracer of the spans that the gate starts itself. */
  readonly tracer: () => Tracer;
}

/** The request event being gated, and how to hand it to the application. */
export interface GatedEvent {
  readonly name: 'request' | 'checkContinue';
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  /** Emits the original event to the application's listeners. */
  readonly resume: () => void;
  readonly span: Span | undefined;
  readonly context: Context;
}

/**
 * `proceed`: the caller emits the event to the application now. `held`: the
 * gate emits it later, or never when it blocked the request.
 */
export type GateStart = 'proceed' | 'held';

/**
 * Runs the blocking stages for one emitted request event before any
 * application listener. The headers stage runs at once; the body stage runs
 * when the held body has arrived. Either may be asynchronous, so the gate
 * emits the event to the application itself when a stage finished after
 * `start` returned.
 */
export class RequestGate {
  private synchronous = true;
  private proceedNow = false;
  private appStarted = false;
  private appWaiting = false;
  private responded = false;
  private aborted = false;
  private bodyEnded = false;
  private bodySkipped = false;
  private hold: BodyHold | undefined;
  constructor(
    private readonly settings: GateSettings,
    private readonly event: GatedEvent,
    private readonly record: RequestRecord,
    private readonly facts: RequestFacts,
  ) {}

  /** Starts the stages; see {@link GateStart}. */
  start(knownRequest: boolean): GateStart {
    try {
      this.record.attachSpan(this.event.span);
      if (knownRequest && this.event.name === 'request') {
        this.record.orderAdopted = true;
      }
      // A request re-emitted after checkContinue passed its headers stage.
      if (knownRequest && this.record.headersAllowed) {
        this.afterHeadersAllowed();
      } else {
        this.runHeadersStage();
      }
    } finally {
      this.synchronous = false;
    }
    return this.proceedNow ? 'proceed' : 'held';
  }

  /**
   * Fails open after an internal error: releases a held body and lets the
   * application run, unless a response was already written.
   */
  recover(): GateStart {
    this.hold?.release();
    if (this.responded || this.appStarted || this.aborted) return 'held';
    return 'proceed';
  }

  private runHeadersStage(): void {
    if (this.wantsBody() && hasBody(this.event.request)) this.startHold();
    const view = new HttpRequestView(this.facts, 'headers');
    this.whenDecided(this.settings.engine.evaluate(view), (decision) =>
      this.afterHeaders(decision),
    );
  }

  private afterHeaders(decision: Decision): void {
    this.record.decision(decision);
    if (this.responded || this.aborted) return;
    if (decision.outcome === 'block') {
      this.hold?.release();
      this.respond(decision.verdict);
      if (this.event.span === undefined) logUnrecorded(decision);
      return;
    }
    if (this.isGone()) {
      this.hold?.release();
      this.settleOrder();
      return;
    }
    this.record.headersAllowed = true;
    this.afterHeadersAllowed();
  }

  private afterHeadersAllowed(): void {
    if (!this.wantsBody() || this.record.bodyDone || this.bodySkipped) {
      this.runApp();
      return;
    }
    if (this.hold === undefined && hasBody(this.event.request)) {
      this.startHold();
      return;
    }
    if (this.hold === undefined) this.runBodyStage([]);
    else if (this.bodyEnded) this.runBodyStage(this.hold.heldChunks());
    // Otherwise the hold calls onEnd or onLimit when the body is in.
  }

  // `checkContinue` has no body stage of its own. The body stage runs when
  // the application emits `request` for the same request, and its hold
  // takes the bytes of a client that did not wait for 100 Continue.
  private wantsBody(): boolean {
    return this.settings.engine.wantsBody && this.event.name === 'request';
  }

  private startHold(): void {
    const { limits } = this.settings;
    this.hold = new BodyHold(
      this.event.request,
      limits.maxBytes,
      limits.timeoutMs,
      {
        onEnd: () => this.step(() => this.onBodyEnd()),
        onLimit: (limit) => this.step(() => this.onBodyLimit(limit)),
        onAbort: () => this.step(() => this.onAbort()),
      },
      this.settings.heldBytes,
    );
    this.hold.takeBuffered();
  }

  private onBodyEnd(): void {
    this.bodyEnded = true;
    if (this.record.headersAllowed && !this.responded) {
      this.runBodyStage(this.hold?.heldChunks() ?? []);
    }
  }

  private onBodyLimit(limit: HoldLimit): void {
    this.hold?.release();
    this.record.attribute(ATTR_BLOCKING_BODY_SKIPPED, limit);
    if (this.settings.limits.onLimit === 'block') {
      const decision = limitDecision(limit);
      this.record.decision(decision);
      this.respond(decision.verdict);
      return;
    }
    this.bodySkipped = true;
    this.record.bodyDone = true;
    if (this.record.headersAllowed) this.runApp();
  }

  // The application never receives a request whose client left while its
  // body was held, because no response could reach the client anyway.
  private onAbort(): void {
    this.aborted = true;
    this.settleOrder();
    this.record.attribute(ATTR_BLOCKING_BODY_SKIPPED, 'aborted');
  }

  private runBodyStage(chunks: readonly Buffer[]): void {
    const { request } = this.event;
    const view = new HttpRequestView(this.facts, 'body', {
      bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
      contentType: headerValue(request.headers['content-type']),
      contentEncoding: headerValue(request.headers['content-encoding']),
      maxDecodedBytes: this.settings.limits.maxBytes,
    });
    this.whenDecided(this.settings.engine.evaluate(view), (decision) =>
      this.afterBody(decision),
    );
  }

  private afterBody(decision: Decision): void {
    this.record.decision(decision);
    this.record.bodyDone = true;
    // Released before the block response is written, so the body reaches
    // the capture tap, Node drains it and the connection stays reusable.
    this.hold?.release();
    if (this.responded || this.aborted || this.isGone()) {
      this.settleOrder();
      return;
    }
    if (decision.outcome === 'block') this.respond(decision.verdict);
    else this.runApp();
  }

  private whenDecided(
    result: Decision | Promise<Decision>,
    next: (decision: Decision) => void,
  ): void {
    if (!isThenable(result)) {
      next(result);
      return;
    }
    result.then(
      (decision) => this.step(() => next(decision)),
      // The engine never rejects; a custom engine might, and then the
      // request goes on as if allowed.
      (error: unknown) =>
        this.step(() => {
          throw error;
        }),
    );
  }

  /**
   * Runs a step that started outside `start` (a settled promise, a hold
   * event) in the request's context. An error of the application is thrown
   * again as an uncaught exception, as it would be without the gate. An
   * error of Tracegate is logged, and the request fails open.
   */
  private step(run: () => void): void {
    context.with(this.event.context, () => {
      try {
        run();
      } catch (error) {
        if (this.appStarted) {
          process.nextTick(() => {
            throw error;
          });
          return;
        }
        logger.error(
          `blocking stage failed for a ${this.event.name} event; the request goes on: ${describeError(error)}`,
        );
        if (this.recover() === 'proceed') this.runApp();
      }
    });
  }

  // Pipelined requests reach the application in arrival order, as they do
  // without the gate. A request whose stages finished first waits until the
  // earlier requests of its connection were handed over or blocked.
  private runApp(): void {
    if (this.appStarted || this.appWaiting) return;
    const ticket = this.record.ticket;
    if (this.synchronous && (ticket === undefined || ticket.isFirst())) {
      // The caller emits the event and then settles the order.
      this.proceedNow = true;
      return;
    }
    if (ticket === undefined) {
      this.handOver();
      return;
    }
    this.appWaiting = true;
    ticket.whenFirst(() => this.step(() => this.handOver()));
  }

  private handOver(): void {
    this.appStarted = true;
    try {
      this.event.resume();
    } finally {
      this.settleOrder();
    }
  }

  private settleOrder(): void {
    this.record.settleOrder(this.event.name);
  }

  private respond(verdict: BlockVerdict): void {
    const { request, response } = this.event;
    this.settleOrder();
    if (response.headersSent || response.writableEnded) {
      this.responded = true;
      this.record.attribute(ATTR_BLOCKING_TOO_LATE, true);
      return;
    }
    const rendered = renderBlockResponse(verdict, request, this.facts.protocol);
    const headers = { ...rendered.headers };
    // Unread body bytes would be parsed as the next request otherwise.
    if (hasBody(request) && !request.complete) headers.connection = 'close';
    response.writeHead(rendered.status, headers);
    response.end(request.method === 'HEAD' ? undefined : rendered.body);
    this.responded = true;
  }

  private isGone(): boolean {
    return this.event.request.destroyed;
  }
}

// Without instrumentation-http, or when its ignore hook skipped the request,
// a request event has no server span and a block leaves only this line.
function logUnrecorded(decision: StopDecision): void {
  logger.debug(
    `filter "${decision.filter}" blocked a request that has no server span; the decision is not exported`,
  );
}

function hasBody(request: IncomingMessage): boolean {
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(request.headers['content-length']);
  return Number.isFinite(length) && length > 0;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
