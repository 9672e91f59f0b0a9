import type { Context } from '@opentelemetry/api';
import { context } from '@opentelemetry/api';
import { endBlockedCall, endWithError } from './block-response';
import type { CallCapture } from './call-capture';
import type { GateResult } from './call-gate';
import { isClosed, passGate } from './call-gate';
import type { AnyFunction, CaptureHost, MethodKind } from './internal-types';
import type { MaybePromise } from './maybe-promise';
import { findRpcSpan } from './rpc-span';
import { errorName, guarded, logErrorOnce } from './safe';
import { STATUS_UNKNOWN } from './status';

/** One invocation of a server handler, with the arguments it will get. */
export interface HandlerInvocation {
  readonly handler: AnyFunction;
  readonly thisArg: unknown;
  /** The call object and, for unary and client-streaming calls, the callback. */
  readonly args: unknown[];
  readonly path: string;
  readonly kind: MethodKind;
  readonly capture: CallCapture | undefined;
}

/**
 * Runs the blocking stages of a served call before its handler. Returns
 * undefined when blocking is off, so the caller runs the handler as usual,
 * and also when the stages fail, so the call goes on as if allowed.
 */
export function gateServerCall(
  invocation: HandlerInvocation,
  host: CaptureHost,
): MaybePromise<GateResult> | undefined {
  try {
    return startGate(invocation, host);
  } catch (error) {
    reportGateFailure(invocation.path, error);
    return undefined;
  }
}

function reportGateFailure(path: string, error: unknown): void {
  logErrorOnce(
    'blocking gate',
    `the blocking stages of ${path} failed with ${errorName(error)}; the ` +
      'call goes on as if allowed (further failures are not logged)',
  );
}

function startGate(
  invocation: HandlerInvocation,
  host: CaptureHost,
): MaybePromise<GateResult> | undefined {
  if (!host.isEnabled()) return undefined;
  const settings = host.blockingSettings();
  const call = invocation.args[0];
  if (settings === undefined || typeof call !== 'object' || call === null) {
    return undefined;
  }
  const { path, kind, args } = invocation;
  return passGate({
    call,
    path,
    kind,
    engine: settings.engine,
    maxBodyBytes: settings.maxBodyBytes,
    onLimit: settings.onLimit,
    span: findRpcSpan(path, 'server'),
    endCall: (verdict) => endBlockedCall(call, kind, args[1], verdict),
    recordBlockedMessage: (message) =>
      invocation.capture?.recordMessage('request', message),
  });
}

/**
 * Runs the handler once the gate's promise resolves to `proceed`, in the context
 * that was active when grpc-js called the handler, so the handler's spans
 * stay children of the server span. Nothing runs when the call was blocked
 * or the client left. The promise is handled here: a failure of the gate
 * itself lets the call go on, as an engine failure would.
 */
export function runWhenAllowed(
  pending: Promise<GateResult>,
  invocation: HandlerInvocation,
): void {
  const active = context.active();
  pending
    .then(
      (result) => {
        if (result === 'proceed') runDeferredHandler(invocation, active);
      },
      (error: unknown) => {
        reportGateFailure(invocation.path, error);
        runDeferredHandler(invocation, active);
      },
    )
    // runDeferredHandler catches what it calls; this keeps a failure in it
    // from becoming an unhandled rejection all the same.
    .catch((error: unknown) => reportGateFailure(invocation.path, error));
}

/**
 * Runs a handler after grpc-js's own call to it returned, so grpc-js no
 * longer catches what the handler throws. An exception is recorded on the
 * span and ends the call with status UNKNOWN, as grpc-js does for a handler
 * that throws at once.
 */
function runDeferredHandler(
  invocation: HandlerInvocation,
  active: Context,
): void {
  const { handler, thisArg, args, kind, capture } = invocation;
  const call = args[0] as object;
  if (isClosed(call)) return;
  try {
    context.with(active, () => handler.apply(thisArg, args));
  } catch (error) {
    guarded('server handler error', undefined, () =>
      capture?.recordException(error),
    );
    // NOTE: grpc-js 1.10 sends the exception message as status details,
    // 1.14 sends "Unknown error" unless GRPC_NODE_DEBUG_SEND_ERROR_DETAILS
    // is set. A deferred handler always gets "Unknown error".
    const failure = Object.assign(new Error('Unknown error'), {
      code: STATUS_UNKNOWN,
      details: 'Unknown error',
    });
    guarded('server handler error', undefined, () =>
      endWithError(call, kind, args[1], failure),
    );
  }
}
