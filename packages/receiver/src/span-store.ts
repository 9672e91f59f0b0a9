import { logger } from './logger';
import type { ReceivedSpan } from './received-span';

/** Test applied to each stored span by SpanStore.waitFor. */
export type SpanPredicate = (span: ReceivedSpan) => boolean;

interface Waiter {
  predicate: SpanPredicate;
  minCount: number;
  /** Number of stored spans that matched at the last check. */
  matchedCount: number;
  resolve: (spans: ReceivedSpan[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Bounded list of received spans that callers can wait on. */
export class SpanStore {
  private spans: ReceivedSpan[] = [];
  private readonly waiters = new Set<Waiter>();
  private droppedCount = 0;
  private closed = false;

  /** Creates a store that keeps at most maxSpans spans and drops the oldest beyond that. */
  constructor(private readonly maxSpans: number) {}

  /** Returns a copy of the stored spans, oldest first. */
  list(): ReceivedSpan[] {
    return [...this.spans];
  }

  /** Stores spans, drops the oldest ones over the limit and settles the waiters whose predicate now matches. */
  add(spans: ReceivedSpan[]): void {
    this.spans.push(...spans);
    const excess = this.spans.length - this.maxSpans;
    if (excess > 0) {
      this.spans.splice(0, excess);
      // A limit of 0 turns storage off on purpose, so nothing is reported.
      if (this.maxSpans > 0) {
        this.reportDropped(excess);
      }
    }
    for (const waiter of this.waiters) {
      this.settleIfMatched(waiter);
    }
  }

  /** Removes every stored span. */
  clear(): void {
    this.spans = [];
  }

  /**
   * Waits until at least minCount stored spans match the predicate and
   * returns all matching spans.
   *
   * Rejects after timeoutMs milliseconds, when the predicate throws, or when
   * the store is closed.
   */
  waitFor(
    predicate: SpanPredicate,
    timeoutMs: number,
    minCount: number,
  ): Promise<ReceivedSpan[]> {
    if (this.closed) {
      return Promise.reject(
        new Error('waitForSpans called on a closed receiver'),
      );
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        minCount,
        matchedCount: 0,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(this.timeoutError(waiter, timeoutMs));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
      this.settleIfMatched(waiter);
    });
  }

  /** Rejects every pending waiter and rejects later waits. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters) {
      this.finish(waiter);
      waiter.reject(new Error('the receiver closed before the spans arrived'));
    }
  }

  private settleIfMatched(waiter: Waiter): void {
    let matched: ReceivedSpan[];
    try {
      matched = this.spans.filter(waiter.predicate);
    } catch (error) {
      this.finish(waiter);
      waiter.reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    waiter.matchedCount = matched.length;
    if (matched.length >= waiter.minCount) {
      this.finish(waiter);
      waiter.resolve(matched);
    }
  }

  private finish(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
  }

  private timeoutError(waiter: Waiter, timeoutMs: number): Error {
    const names = this.spans
      .slice(0, 20)
      .map((span) => span.name)
      .join(', ');
    return new Error(
      `waitForSpans timed out after ${timeoutMs} ms: ${waiter.matchedCount} of ${waiter.minCount} expected spans matched among ${this.spans.length} received (names: ${names || 'none'})`,
    );
  }

  // Logs the first drop and then each time the dropped total passes a
  // multiple of 1000, so that a busy receiver does not flood the log.
  private reportDropped(count: number): void {
    const before = this.droppedCount;
    this.droppedCount += count;
    if (
      before === 0 ||
      Math.floor(before / 1000) !== Math.floor(this.droppedCount / 1000)
    ) {
      logger.warn(
        `dropped the oldest received spans to stay within maxSpans=${this.maxSpans} (${this.droppedCount} dropped so far)`,
      );
    }
  }
}
