import type { Attributes, Span } from '@opentelemetry/api';
import type {
  BlockingEngine,
  BlockVerdict,
  Decision,
  RequestView,
  Stage,
  StopDecision,
} from '@tracegate/blocking';
import {
  ATTR_BLOCKING_MESSAGE_NUMBER,
  BODY_LIMIT_FILTER,
  recordDecisions,
} from '@tracegate/blocking';
import type { MethodKind } from './internal-types';
import type { MaybePromise } from './maybe-promise';
import { isThenable, then } from './maybe-promise';
import { hasSingleRequest } from './method-kind';
import type { BodyView } from './request-view';
import { buildHeadersView, withBody } from './request-view';
import { errorName, logErrorOnce } from './safe';
import { inspectRequestStream } from './stream-inspection';

/**
 * The outcome of the gate for one call. `proceed` runs the handler,
 * `blocked` means the call ended with the block status, and `closed` means
 * the client cancelled (or the deadline passed) before a decision, so
 * nothing more is done.
 */
export type GateResult = 'proceed' | 'blocked' | 'closed';

/** One served call at the blocking gate. */
export interface CallGate {
  readonly call: object;
  readonly path: string;
  readonly kind: MethodKind;
  readonly engine: BlockingEngine;
  readonly maxBodyBytes: number;
  /** The action for a request message over `maxBodyBytes`. */
  readonly onLimit: 'allow' | 'block';
  /** The server span that instrumentation-grpc started, for the audit trail. */
  readonly span: Span | undefined;
  /** Ends the call with the status of a block verdict. */
  readonly endCall: (verdict: BlockVerdict) => void;
  /**
   * Records a blocked stream message on the span, which the handler and so
   * capture never get, so the trace shows what was blocked.
   */
  readonly recordBlockedMessage?: (message: unknown) => void;
}

/** The filter name that the audit trail gives a failure of the engine itself. */
export const ENGINE_FAILURE_FILTER = 'blocking-engine';

/** gRPC status RESOURCE_EXHAUSTED, for a message over the size limit. */
const STATUS_RESOURCE_EXHAUSTED = 8;

/**
 * The block decision for a request message over the body stage's size
 * limit under `onLimit: 'block'`, recorded under the filter name that the
 * HTTP body stage uses for its limits.
 */
const SIZE_LIMIT_DECISION: StopDecision = Object.freeze({
  outcome: 'block',
  stage: 'body',
  filter: BODY_LIMIT_FILTER,
  rule: 'size_limit',
  reason: 'request message exceeded the body stage size limit',
  verdict: Object.freeze({
    action: 'block',
    reason: 'request message exceeded the body stage size limit',
    grpcStatus: STATUS_RESOURCE_EXHAUSTED,
  }),
});

/**
 * Runs the headers stage and, when the engine wants bodies, the body stage
 * of one call. The result is synchronous when every stage was, so a call
 * that synchronous filters allow reaches its handler in the same tick. The
 * promise, when there is one, never rejects for an engine failure.
 */
export function passGate(gate: CallGate): MaybePromise<GateResult> {
  const wantsBody = gate.engine.wantsBody === true;
  // Shared by both stages, so a block outranks an earlier monitor record.
  const audited = { blocked: false };
  const headersView = buildHeadersView(gate.call, gate.path, gate.engine);
  return then(runStage(gate, headersView, audited), (result) => {
    if (result !== 'proceed' || !wantsBody) return result;
    if (hasSingleRequest(gate.kind)) {
      const request = (gate.call as { request?: unknown }).request;
      const body = withBody(headersView, request, gate.maxBodyBytes);
      return decideBody(gate, body, audited);
    }
    return inspectRequestStream(gate.call, {
      inspect: (message, messageNumber) =>
        decideBody(
          gate,
          withBody(headersView, message, gate.maxBodyBytes),
          audited,
          {
            extra: { [ATTR_BLOCKING_MESSAGE_NUMBER]: messageNumber },
            beforeBlock: () => gate.recordBlockedMessage?.(message),
          },
        ),
      inspectEmpty: () =>
        decideBody(
          gate,
          withBody(headersView, undefined, gate.maxBodyBytes),
          audited,
        ),
    });
  });
}

/** Extra handling of the decision on one stream message. */
interface MessageContext {
  /** Attributes recorded with its decisions, such as its number. */
  readonly extra?: Attributes;
  /** Runs before a block ends the call, while capture still records. */
  readonly beforeBlock?: () => void;
}

/** Runs the body stage on one request message. */
function decideBody(
  gate: CallGate,
  body: BodyView,
  audited: { blocked: boolean },
  message: MessageContext = {},
): MaybePromise<GateResult> {
  if (body.truncated && gate.onLimit === 'block') {
    return stop(gate, SIZE_LIMIT_DECISION, audited, message);
  }
  return runStage(gate, body.view, audited, message);
}

/** Tells whether the client cancelled the call or its deadline passed. */
export function isClosed(call: object): boolean {
  const fields = call as { cancelled?: unknown; destroyed?: unknown };
  return fields.cancelled === true || fields.destroyed === true;
}

function runStage(
  gate: CallGate,
  view: RequestView,
  audited: { blocked: boolean },
  message: MessageContext = {},
): MaybePromise<GateResult> {
  return then(evaluate(gate, view), (decision) => {
    // A decision that comes after the client left is dropped unrecorded:
    // the span has ended and the call accepts no status.
    if (isClosed(gate.call)) return 'closed';
    if (decision.outcome === 'allow') return 'proceed';
    return stop(gate, decision, audited, message);
  });
}

/** Records a block or monitor decision, and ends the call for a block. */
function stop(
  gate: CallGate,
  decision: StopDecision,
  audited: { blocked: boolean },
  message: MessageContext = {},
): GateResult {
  audit(gate, decision, audited, message.extra);
  if (decision.outcome === 'monitor') return 'proceed';
  if (message.beforeBlock !== undefined) {
    try {
      message.beforeBlock();
    } catch (error) {
      logErrorOnce(
        'blocking blocked message',
        `recording the blocked message of ${gate.path} failed with ` +
          `${errorName(error)}; the call still ends blocked (further ` +
          'failures are not logged)',
      );
    }
  }
  endCall(gate, decision.verdict);
  return 'blocked';
}

/** Records a decision on the server span, if the call has a recording one. */
function audit(
  gate: CallGate,
  decision: StopDecision,
  audited: { blocked: boolean },
  extra?: Attributes,
): void {
  if (gate.span?.isRecording() !== true) return;
  try {
    recordDecisions(gate.span, decision, audited, extra);
  } catch (error) {
    logErrorOnce(
      'blocking audit',
      `recording a blocking decision of ${gate.path} on its span failed ` +
        `with ${errorName(error)}; the decision still applies (further ` +
        'failures are not logged)',
    );
  }
}

/**
 * Ends a blocked call. If that fails, the handler still does not run: the
 * call stays open until the client cancels or its deadline passes.
 */
function endCall(gate: CallGate, verdict: BlockVerdict): void {
  try {
    gate.endCall(verdict);
  } catch (error) {
    logErrorOnce(
      'blocking end call',
      `ending the blocked call ${gate.path} with its status failed with ` +
        `${errorName(error)}; the handler does not run and the call stays ` +
        'open until the client cancels it or its deadline passes (further ' +
        'failures are not logged)',
    );
  }
}

/**
 * Calls the engine. The engine promises never to throw or reject, but a
 * failure here must not stop the call. So a throw, a rejection or a value
 * that is no decision becomes a monitor decision with `failure` set, and
 * the call goes on as if allowed.
 */
function evaluate(gate: CallGate, view: RequestView): MaybePromise<Decision> {
  const { path } = gate;
  try {
    const result: unknown = gate.engine.evaluate(view);
    // Inside the try: reading `then` of a hostile value can throw too.
    if (!isThenable(result)) return checkDecision(path, view.stage, result);
    return Promise.resolve(result).then(
      (value) => checkDecision(path, view.stage, value),
      (error: unknown) => engineFailure(path, view.stage, 'threw', error),
    );
  } catch (error) {
    return engineFailure(path, view.stage, 'threw', error);
  }
}

function checkDecision(path: string, stage: Stage, value: unknown): Decision {
  if (isDecision(value)) return value;
  return engineFailure(path, stage, 'invalid', value);
}

function isDecision(value: unknown): value is Decision {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  if (fields.outcome === 'allow') return true;
  if (fields.outcome !== 'block' && fields.outcome !== 'monitor') return false;
  return (
    typeof fields.filter === 'string' &&
    typeof fields.reason === 'string' &&
    (fields.stage === 'headers' || fields.stage === 'body') &&
    typeof fields.verdict === 'object' &&
    fields.verdict !== null &&
    (fields.records === undefined || Array.isArray(fields.records))
  );
}

function engineFailure(
  path: string,
  stage: Stage,
  failure: 'threw' | 'invalid',
  error: unknown,
): StopDecision {
  const failureText =
    failure === 'threw'
      ? `threw ${errorName(error)}`
      : `returned ${errorName(error)} instead of a decision`;
  logErrorOnce(
    `blocking engine ${failure}`,
    `the blocking engine ${failureText} at the ${stage} stage of ${path}; the ` +
      'call goes on as if allowed (further failures of this kind are not ' +
      'logged)',
  );
  return {
    outcome: 'monitor',
    stage,
    filter: ENGINE_FAILURE_FILTER,
    reason:
      failure === 'threw'
        ? 'the blocking engine failed; the call went on'
        : 'the blocking engine returned no valid decision; the call went on',
    verdict: { action: 'block' },
    failure,
  };
}
