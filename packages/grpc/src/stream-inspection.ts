import type { GateResult } from './call-gate';
import type { AnyFunction } from './internal-types';
import type { MaybePromise } from './maybe-promise';
import { isThenable } from './maybe-promise';
import { wrapOwn } from './patch';
import { errorName, logErrorOnce } from './safe';

/** Decides one request message, numbered from 1, at the body stage. */
export type InspectMessage = (
  message: unknown,
  messageNumber: number,
) => MaybePromise<GateResult>;

/** Decides a request stream that ended without a message. */
export type InspectEmptyStream = () => MaybePromise<GateResult>;

/** The body-stage decisions on the messages of one request stream. */
export interface StreamInspector {
  readonly inspect: InspectMessage;
  readonly inspectEmpty: InspectEmptyStream;
}

interface ReadableCall extends NodeJS.EventEmitter {
  read(size?: number): unknown;
  cancelled?: boolean;
}

/**
 * Runs the body stage on every message of a served request stream before
 * the handler gets it. The returned promise settles with the decision on
 * the first message (or on the end of an empty stream), which the handler
 * waits for. The later messages are decided while the handler runs. A
 * message reaches the stream's buffer only once allowed, in the order the
 * client sent it. A blocked message and everything after it are dropped,
 * and `inspect` has then ended the call with the block status. grpc-js then
 * emits `cancelled` on the stream, as the handler's request stream never
 * ended.
 *
 * While a decision is pending, no message is pushed, so the stream requests
 * no further message from grpc-js and HTTP/2 flow control stops the client,
 * as for a handler that pauses. The promise settles `closed` when grpc-js
 * cancels the call or destroys the stream first, and never rejects.
 */
export function inspectRequestStream(
  call: object,
  inspector: StreamInspector,
): Promise<GateResult> {
  return new Promise((resolve) => {
    new StreamInspection(call as ReadableCall, inspector, resolve).start();
  });
}

class StreamInspection {
  private readonly queue: unknown[][] = [];
  private push: AnyFunction | undefined;
  private messageCount = 0;
  private firstSettled = false;
  private stopped = false;
  private pending = false;
  private pumping = false;
  private readonly onClose = (): void => this.stop('closed');

  constructor(
    private readonly call: ReadableCall,
    private readonly inspector: StreamInspector,
    private readonly resolveFirst: (result: GateResult) => void,
  ) {}

  start(): void {
    // The wrapper forwards with the call as `this`, the stream it belongs to.
    wrapOwn(this.call, 'push', (original) => {
      this.push = original;
      return (...args: unknown[]): boolean => this.receive(args);
    });
    this.call.on('cancelled', this.onClose);
    this.call.on('close', this.onClose);
    if (this.call.cancelled === true) {
      this.stop('closed');
      return;
    }
    // NOTE: grpc-js calls the handler of a request stream when the metadata
    // arrives, before it reads any message, so the stream has not ended
    // here. On an ended, empty stream read(0) would emit 'end' before the
    // handler could listen for it.
    this.call.read(0);
  }

  /** Takes what grpc-js pushes: a message, or null at the end of the stream. */
  private receive(args: unknown[]): boolean {
    if (this.stopped) return false;
    this.queue.push(args);
    this.pump();
    return !this.stopped;
  }

  // Decides the queued pushes in order. Only the outermost call loops,
  // because pushing an allowed message can make the handler read and
  // grpc-js push the next message at once.
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.stopped && !this.pending && this.queue.length > 0) {
        this.next(this.queue.shift()!);
      }
    } finally {
      this.pumping = false;
    }
  }

  private next(args: unknown[]): void {
    const chunk = args[0];
    if (chunk === null || chunk === undefined) {
      this.forward(args);
      if (!this.firstSettled) {
        this.whenDecided(this.inspector.inspectEmpty(), () => undefined);
      }
      return;
    }
    this.messageCount += 1;
    let result: MaybePromise<GateResult>;
    try {
      result = this.inspector.inspect(chunk, this.messageCount);
    } catch (error) {
      logInspectionFailure(error);
      result = 'proceed';
    }
    this.whenDecided(result, () => this.forward(args));
  }

  private whenDecided(
    result: MaybePromise<GateResult>,
    onProceed: () => void,
  ): void {
    if (!isThenable(result)) {
      this.apply(result, onProceed);
      return;
    }
    this.pending = true;
    result.then(
      (decided) => {
        this.pending = false;
        this.apply(decided, onProceed);
        this.pump();
      },
      // call-gate's stages never reject; a failure here lets the message
      // through, as an engine failure would.
      (error: unknown) => {
        this.pending = false;
        logInspectionFailure(error);
        this.apply('proceed', onProceed);
        this.pump();
      },
    );
  }

  private apply(result: GateResult, onProceed: () => void): void {
    if (this.stopped) return;
    if (result !== 'proceed') {
      this.stop(result);
      return;
    }
    onProceed();
    this.settleFirst('proceed');
  }

  private forward(args: unknown[]): void {
    this.push?.apply(this.call, args);
  }

  private settleFirst(result: GateResult): void {
    if (this.firstSettled) return;
    this.firstSettled = true;
    this.resolveFirst(result);
  }

  private stop(result: GateResult): void {
    if (this.stopped) return;
    this.stopped = true;
    this.queue.length = 0;
    this.call.off('cancelled', this.onClose);
    this.call.off('close', this.onClose);
    this.settleFirst(result);
  }
}

function logInspectionFailure(error: unknown): void {
  logErrorOnce(
    'stream inspection',
    `the body stage of a request stream message failed with ` +
      `${errorName(error)}; the message goes on as if allowed (further ` +
      'failures are not logged)',
  );
}
