import type { Span } from '@opentelemetry/api';
import { guarded } from './safe';

type EndArgs = Parameters<Span['end']>;

/**
 * Controls when one span really ends, so that it covers the whole call.
 * instrumentation-grpc ends a client's unary span in the callback, before
 * grpc-js emits the `'status'` event that carries the trailers, and a
 * server's streaming span on `'finish'`, before Tracegate's own listener
 * runs. This wraps `end` of that one span: an end requested before the
 * final status is known waits for the status or for the next tick,
 * whichever comes first, and keeps the time at which it was requested. A
 * second end is ignored instead of making the SDK log an error.
 */
export class SpanEndControl {
  private state: 'open' | 'waiting' | 'ended' = 'open';
  private statusKnown = false;
  private pendingArgs: EndArgs = [];
  private beforeEnd: (() => void) | undefined;
  private readonly originalEnd: Span['end'];

  constructor(
    private readonly span: Span,
    beforeEnd: () => void,
  ) {
    this.beforeEnd = beforeEnd;
    // The original is called with the span as `this` in finish().
    // eslint-disable-next-line @typescript-eslint/unbound-method
    this.originalEnd = span.end;
    span.end = (...args: EndArgs) => this.requestEnd(args);
  }

  /** True once the span really ended; attributes written later are lost. */
  get ended(): boolean {
    return this.state === 'ended';
  }

  /** Records that the final status is known and ends a span that was waiting for it. */
  markStatusKnown(): void {
    this.statusKnown = true;
    if (this.state === 'waiting') this.finish(this.pendingArgs);
  }

  /** Ends the span now, for a call that ends without instrumentation-grpc seeing it. */
  endNow(): void {
    if (this.state !== 'ended') this.finish([]);
  }

  private requestEnd(args: EndArgs): void {
    if (this.state !== 'open') return;
    if (this.statusKnown) {
      this.finish(args);
      return;
    }
    this.state = 'waiting';
    // performance.now() is a time the SDK accepts and converts with the
    // span's own clock offset, so the recorded end time stays exact.
    this.pendingArgs = args[0] === undefined ? [performance.now()] : args;
    // Runs outside any caller, so an error here would be uncaught.
    process.nextTick(() =>
      guarded('span end', undefined, () => {
        if (this.state === 'waiting') this.finish(this.pendingArgs);
      }),
    );
  }

  private finish(args: EndArgs): void {
    this.state = 'ended';
    const beforeEnd = this.beforeEnd;
    // Dropping the reference frees the call's capture state while the
    // ended span waits in the export queue.
    this.beforeEnd = undefined;
    if (beforeEnd !== undefined) guarded('flush', undefined, beforeEnd);
    this.originalEnd.apply(this.span, args);
  }
}
