import type * as GrpcJs from '@grpc/grpc-js';
import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { plain } from './echo-calls';
import type { EchoHarness } from './echo-service';
import { echoHandlers, protoLoaderApi, startEcho } from './echo-service';

/** What the Echo handlers of one server saw, per method. */
export class HandlerLog {
  /** Methods whose handler ran, in call order. */
  readonly runs: string[] = [];
  /** Messages each method's handler read, as plain copies. */
  readonly received = new Map<string, unknown[]>();

  ran(method: string): boolean {
    return this.runs.includes(method);
  }

  reset(): void {
    this.runs.length = 0;
    this.received.clear();
  }
}

type Handler = (
  call: GrpcJs.ServerUnaryCall<unknown, unknown>,
  ...rest: unknown[]
) => void;

/**
 * Wraps the Echo handlers to log each run and the messages it read. The
 * `'data'` listener is added when the handler runs, next to the Echo
 * handlers' own, so the stream's flow is the same as without the log.
 */
export function observedEchoHandlers(
  grpc: typeof GrpcJs,
  log: HandlerLog,
): UntypedServiceImplementation {
  const handlers = echoHandlers(grpc) as unknown as Record<string, Handler>;
  const observed: Record<string, Handler> = {};
  for (const [method, handler] of Object.entries(handlers)) {
    observed[method] = function (this: unknown, call, ...rest) {
      log.runs.push(method);
      const messages: unknown[] = [];
      log.received.set(method, messages);
      if (call.request !== undefined) {
        messages.push(plain(call.request));
      } else {
        (call as unknown as NodeJS.EventEmitter).on('data', (message) =>
          messages.push(plain(message)),
        );
      }
      handler.call(this, call, ...rest);
    };
  }
  return observed;
}

/**
 * Serves the observed Echo handlers through the proto-loader API for the
 * tests of the enclosing `describe`: the server starts before them and
 * closes after them. Call the returned function inside a test to get the
 * running harness.
 */
export function serveObservedEcho(
  grpc: typeof GrpcJs,
  log: HandlerLog,
): () => EchoHarness {
  let harness: EchoHarness | undefined;
  before(async () => {
    const handlers = observedEchoHandlers(grpc, log);
    harness = await startEcho(grpc, protoLoaderApi(grpc), handlers);
  });
  after(() => harness?.close());
  return () => {
    assert.ok(harness, 'the Echo server has not started');
    return harness;
  };
}
