import { errorMonitor } from 'node:events';
import { CallCapture } from './call-capture';
import { codeLocationAttributes } from './code-location';
import type { AnyFunction, CaptureHost, MethodKind } from './internal-types';
import { isMetadata } from './metadata-render';
import { hasSingleRequest, hasSingleResponse, methodKind } from './method-kind';
import { wrapOwn } from './patch';
import { claimRpcSpan } from './rpc-span';
import { guarded } from './safe';
import { gateServerCall, runWhenAllowed } from './server-blocking';
import {
  STATUS_CANCELLED,
  STATUS_DEADLINE_EXCEEDED,
  STATUS_OK,
  statusFromError,
} from './status';

/**
 * Wraps `Server.prototype.register(name, handler, serialize, deserialize,
 * type)` so that each registered handler is wrapped for capture. Handlers
 * are wrapped even while the instrumentation is disabled: the wrapper
 * checks at each call, so enabling it later covers them too.
 */
export function wrapRegister(
  original: AnyFunction,
  host: CaptureHost,
): AnyFunction {
  return function register(this: unknown, ...args: unknown[]) {
    const wrapped = guarded('server register', args, () =>
      registerArguments(args, host),
    );
    return original.apply(this, wrapped);
  };
}

/**
 * Builds the register arguments with the handler wrapped for capture, and
 * looks up the handler's code location once, at registration. Returns the
 * arguments unchanged for anything it does not recognise.
 */
function registerArguments(args: unknown[], host: CaptureHost): unknown[] {
  const [path, handler, , , type] = args;
  const kind = methodKind(type);
  if (typeof path !== 'string' || typeof handler !== 'function') return args;
  if (kind === undefined) return args;
  const settings = host.captureSettings();
  if (host.isEnabled() && settings.server && settings.codeLocations) {
    // Warms the cache, so the first call pays no inspector round trip.
    codeLocationAttributes(handler);
  }
  const wrapped = [...args];
  wrapped[1] = wrapServerHandler(handler as AnyFunction, path, kind, host);
  return wrapped;
}

/**
 * Wraps a server handler. Each invocation gets its own capture, kept in the
 * closures of that invocation's wrappers, so concurrent calls of one method
 * never share state. With a blocking engine, the handler runs only once the
 * engine allowed the call. The handler gets the same `this`, call object
 * and return value when it runs at once; its exceptions are rethrown
 * unchanged.
 */
function wrapServerHandler(
  handler: AnyFunction,
  path: string,
  kind: MethodKind,
  host: CaptureHost,
): AnyFunction {
  return function tracegateServerHandler(this: unknown, ...args: unknown[]) {
    const capture = guarded('server call start', undefined, () =>
      startServerCall(args, path, kind, handler, host),
    );
    const callArgs = [...args];
    if (capture !== undefined && typeof callArgs[1] === 'function') {
      callArgs[1] = wrapResponseCallback(callArgs[1] as AnyFunction, capture);
    }
    const invocation = {
      handler,
      thisArg: this,
      args: callArgs,
      path,
      kind,
      capture,
    };
    const gate = gateServerCall(invocation, host);
    if (gate === 'blocked' || gate === 'closed') return undefined;
    if (gate !== undefined && gate !== 'proceed') {
      // The engine is still deciding: the handler runs later, if allowed.
      runWhenAllowed(gate, invocation);
      return undefined;
    }
    try {
      return handler.apply(this, callArgs);
    } catch (error) {
      if (capture !== undefined) {
        guarded('server handler error', undefined, () =>
          capture.recordHandlerError(error),
        );
      }
      throw error;
    }
  };
}

function startServerCall(
  args: unknown[],
  path: string,
  kind: MethodKind,
  handler: AnyFunction,
  host: CaptureHost,
): CallCapture | undefined {
  if (!host.isEnabled()) return undefined;
  const settings = host.captureSettings();
  const call = args[0];
  if (!settings.server || typeof call !== 'object' || call === null) {
    return undefined;
  }
  const span = claimRpcSpan(path, 'server');
  if (span === undefined) return undefined;
  const capture = new CallCapture(span, settings, 'server', kind);
  const fields = call as Record<string, unknown>;
  if (settings.codeLocations) capture.recordCodeLocation(handler);
  capture.recordRequestMetadata(fields.metadata);
  if (hasSingleRequest(kind)) {
    capture.recordMessage('request', fields.request);
  } else {
    tapReceivedMessages(call, capture);
  }
  if (!hasSingleResponse(kind)) tapSentMessages(call, capture);
  wrapOwn(
    call,
    'sendMetadata',
    (original) =>
      function sendMetadata(this: unknown, ...metadata: unknown[]) {
        guarded('server response metadata', undefined, () =>
          capture.recordResponseMetadata(metadata[0]),
        );
        return original.apply(this, metadata);
      },
  );
  listenForCancellation(call, capture);
  return capture;
}

/**
 * Records the messages of a request stream where grpc-js hands them to the
 * stream, with `push`. No `'data'` listener is added, so the stream's mode
 * and flow control stay the application's. The message is recorded before
 * the push, because the push may run the app's `'data'` handler, whose
 * replies would otherwise be recorded first.
 */
function tapReceivedMessages(call: object, capture: CallCapture): void {
  wrapOwn(
    call,
    'push',
    (original) =>
      function push(this: unknown, ...args: unknown[]) {
        const message = args[0];
        if (message !== null && message !== undefined) {
          guarded('server request message', undefined, () =>
            capture.recordMessage('request', message),
          );
        }
        return original.apply(this, args);
      },
  );
}

/**
 * Records the messages of a response stream as the handler writes them, the
 * trailers it passes to `end`, and the status when the stream finishes or
 * fails.
 */
function tapSentMessages(call: object, capture: CallCapture): void {
  let trailers: unknown;
  wrapOwn(
    call,
    'write',
    (original) =>
      function write(this: unknown, ...args: unknown[]) {
        guarded('server response message', undefined, () =>
          capture.recordMessage('response', args[0]),
        );
        return original.apply(this, args);
      },
  );
  wrapOwn(
    call,
    'end',
    (original) =>
      function end(this: unknown, ...args: unknown[]) {
        // grpc-js's server streams take the trailers as end's first argument.
        guarded('server trailers', undefined, () => {
          if (isMetadata(args[0])) trailers = args[0];
        });
        return original.apply(this, args);
      },
  );
  const emitter = call as NodeJS.EventEmitter;
  emitter.on('finish', () =>
    guarded('server status', undefined, () =>
      capture.recordStatus({
        code: STATUS_OK,
        details: 'OK',
        metadata: trailers,
      }),
    ),
  );
  // errorMonitor listeners do not count as error handlers, so an error the
  // app does not handle still behaves as it would without Tracegate.
  emitter.on(errorMonitor, (error: unknown) =>
    guarded('server status', undefined, () =>
      capture.recordStatus(statusFromError(error)),
    ),
  );
}

function listenForCancellation(call: object, capture: CallCapture): void {
  const emitter = call as NodeJS.EventEmitter;
  if (typeof emitter.on !== 'function') return;
  emitter.on('cancelled', () =>
    guarded('server cancellation', undefined, () => {
      const expired = deadlinePassed(call);
      capture.recordCancelled(
        expired ? STATUS_DEADLINE_EXCEEDED : STATUS_CANCELLED,
        expired ? 'deadline exceeded' : 'cancelled by the client',
      );
    }),
  );
}

// Time before the deadline, in ms, within which a cancellation counts as
// the deadline passing.
const DEADLINE_MARGIN_MS = 50;

// grpc-js reports a call past its deadline as cancelled. The client's own
// deadline timer usually cancels the call a moment before the server's copy
// of the deadline passes, so the comparison allows a margin.
// NOTE: a client that cancels by hand within DEADLINE_MARGIN_MS of the
// deadline is reported as DEADLINE_EXCEEDED.
function deadlinePassed(call: object): boolean {
  const getDeadline = (call as { getDeadline?: unknown }).getDeadline;
  if (typeof getDeadline !== 'function') return false;
  const deadline: unknown = getDeadline.call(call);
  const time =
    deadline instanceof Date
      ? deadline.getTime()
      : typeof deadline === 'number'
        ? deadline
        : Infinity;
  return time - Date.now() <= DEADLINE_MARGIN_MS;
}

/**
 * Wraps the callback of a unary or client-streaming handler: the response
 * message, trailers and status are recorded before instrumentation-grpc's
 * callback ends the span. Every argument is passed on unchanged.
 */
function wrapResponseCallback(
  callback: AnyFunction,
  capture: CallCapture,
): AnyFunction {
  return function respond(this: unknown, ...args: unknown[]) {
    guarded('server response', undefined, () => {
      const [error, value, trailers] = args;
      if (error) {
        capture.recordStatus(statusFromError(error, trailers));
        return;
      }
      capture.recordMessage('response', value);
      capture.recordStatus({
        code: STATUS_OK,
        details: 'OK',
        metadata: trailers,
      });
    });
    return callback.apply(this, args);
  };
}
