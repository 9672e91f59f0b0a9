import { errorMonitor } from 'node:events';
import { CallCapture } from './call-capture';
import type { AnyFunction, CaptureHost, MethodKind } from './internal-types';
import { isMetadata } from './metadata-render';
import { hasSingleResponse } from './method-kind';
import { claimRpcSpan } from './rpc-span';
import { guarded } from './safe';
import { readStatus, statusFromError } from './status';

/** The request methods of grpc-js's `Client` and the call kind of each. */
export const CLIENT_REQUEST_METHODS: ReadonlyArray<[string, MethodKind]> = [
  ['makeUnaryRequest', 'unary'],
  ['makeClientStreamRequest', 'client_stream'],
  ['makeServerStreamRequest', 'server_stream'],
  ['makeBidiStreamRequest', 'bidi'],
];

/**
 * Wraps one `Client.prototype.make*Request` method. Their arguments start
 * with `(path, serialize, deserialize, ...)`, and capture replaces the two
 * functions with per-call wrappers. So every message of the call is seen
 * when grpc-js serializes or deserializes it, for all four kinds, and the
 * returned stream is left alone. The call object and every exception are
 * returned or thrown unchanged.
 */
export function wrapClientRequest(
  original: AnyFunction,
  kind: MethodKind,
  host: CaptureHost,
): AnyFunction {
  return function tracegateClientRequest(this: unknown, ...args: unknown[]) {
    const started = guarded('client call start', undefined, () =>
      startClientCall(args, kind, host),
    );
    if (started === undefined) return original.apply(this, args);
    const call = original.apply(this, started.args);
    guarded('client call events', undefined, () =>
      listenToCall(call, started.capture, kind),
    );
    return call;
  };
}

function startClientCall(
  args: unknown[],
  kind: MethodKind,
  host: CaptureHost,
): { capture: CallCapture; args: unknown[] } | undefined {
  if (!host.isEnabled()) return undefined;
  const settings = host.captureSettings();
  const [path, serialize, deserialize] = args;
  if (!settings.client || typeof path !== 'string') return undefined;
  if (typeof serialize !== 'function' || typeof deserialize !== 'function') {
    return undefined;
  }
  const span = claimRpcSpan(path, 'client');
  if (span === undefined) return undefined;

  const capture = new CallCapture(span, settings, 'client', kind);
  capture.recordRequestMetadata(args.slice(3).find(isMetadata));

  const callArgs = [...args];
  callArgs[1] = function serializeRequest(this: unknown, ...input: unknown[]) {
    const bytes = (serialize as AnyFunction).apply(this, input);
    guarded('client request message', undefined, () =>
      capture.recordMessage('request', input[0]),
    );
    return bytes;
  };
  callArgs[2] = function deserializeResponse(
    this: unknown,
    ...input: unknown[]
  ) {
    const message = (deserialize as AnyFunction).apply(this, input);
    guarded('client response message', undefined, () =>
      capture.recordMessage('response', message),
    );
    return message;
  };

  if (hasSingleResponse(kind)) {
    const last = callArgs.length - 1;
    if (typeof callArgs[last] === 'function') {
      callArgs[last] = wrapClientCallback(
        callArgs[last] as AnyFunction,
        capture,
      );
    }
  }
  return { capture, args: callArgs };
}

/**
 * Wraps the callback of a unary or client-streaming call, so a failed
 * call's status and trailers are recorded before instrumentation-grpc's
 * callback ends the span. A successful call's status follows in the
 * `'status'` event.
 */
function wrapClientCallback(
  callback: AnyFunction,
  capture: CallCapture,
): AnyFunction {
  return function onResponse(this: unknown, ...args: unknown[]) {
    if (args[0]) {
      guarded('client status', undefined, () =>
        capture.recordStatus(statusFromError(args[0])),
      );
    }
    return callback.apply(this, args);
  };
}

/**
 * Listens to the call object's `'metadata'` and `'status'` events. These
 * listeners are registered before instrumentation-grpc's, which it adds
 * after the wrapped method returns. Adding listeners for these events
 * changes nothing for the application.
 */
function listenToCall(
  call: unknown,
  capture: CallCapture,
  kind: MethodKind,
): void {
  const emitter = call as NodeJS.EventEmitter | undefined;
  if (typeof emitter?.on !== 'function') return;
  emitter.on('metadata', (metadata: unknown) =>
    guarded('client response metadata', undefined, () =>
      capture.recordResponseMetadata(metadata),
    ),
  );
  emitter.on('status', (status: unknown) =>
    guarded('client status', undefined, () => {
      const read = readStatus(status);
      if (read !== undefined) capture.recordStatus(read);
    }),
  );
  if (!hasSingleResponse(kind)) {
    // A stream emits 'error' before 'status'; when the app has no error
    // listener that emit throws and 'status' never comes.
    emitter.on(errorMonitor, (error: unknown) =>
      guarded('client status', undefined, () =>
        capture.recordStatus(statusFromError(error)),
      ),
    );
  }
}
