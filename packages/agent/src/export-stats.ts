import { diag } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { BodyBudget } from './body-budget';

const logger = diag.createComponentLogger({ namespace: '@tracegate/agent' });

/** Counters of the span export path, readable through `agent.stats()`. */
export interface ExportStats {
  /** Spans the backend accepted. */
  spansExported: number;
  /** Spans lost because an export failed (backend down, slow or refusing). */
  spansFailed: number;
  /** Spans dropped before export because the queue was full. */
  spansDroppedQueueFull: number;
  /** Export calls that failed. */
  failedExports: number;
}

/** Minimum time between two warnings about failed exports. */
const FAILURE_LOG_INTERVAL_MS = 60_000;

/**
 * Wraps the OTLP exporter to count what reaches the backend and what is lost,
 * and to log failures at most once a minute with the count since the last
 * warning, so a dead backend does not flood the application's logs.
 */
export class CountingSpanExporter implements SpanExporter {
  private lastWarning = 0;
  private failedSinceWarning = 0;

  constructor(
    private readonly inner: SpanExporter,
    readonly stats: ExportStats,
    private readonly budget: BodyBudget,
  ) {}

  export(
    spans: ReadableSpan[],
    resultCallback: (result: ExportResult) => void,
  ): void {
    this.inner.export(spans, (result) => {
      for (const span of spans) this.budget.release(span);
      if (result.code === ExportResultCode.SUCCESS) {
        this.stats.spansExported += spans.length;
        resultCallback(result);
        return;
      }
      this.recordFailure(spans.length, result.error);
      // The batch processor sends every failure to the global error handler,
      // which logs each one in full. This wrapper's rate-limited warning is
      // the report instead, and the processor never retries a batch anyway.
      resultCallback({ code: ExportResultCode.SUCCESS });
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }

  private recordFailure(count: number, error: Error | undefined): void {
    this.stats.spansFailed += count;
    this.stats.failedExports += 1;
    this.failedSinceWarning += count;
    const now = Date.now();
    if (now - this.lastWarning < FAILURE_LOG_INTERVAL_MS) return;
    this.lastWarning = now;
    logger.warn(
      `span export failed, ${this.failedSinceWarning} spans dropped since the ` +
        `last warning (${this.stats.spansFailed} in total); the application ` +
        `is unaffected: ${error?.message ?? 'unknown error'}`,
    );
    this.failedSinceWarning = 0;
  }
}

/**
 * The SDK's batch processor, counting the spans it drops when its queue is
 * full. It reads the base class's internal drop counter, which rises by one
 * per dropped span and resets once the drop has been logged.
 */
export class CountingBatchSpanProcessor extends BatchSpanProcessor {
  constructor(
    exporter: CountingSpanExporter,
    private readonly stats: ExportStats,
    private readonly budget: BodyBudget,
  ) {
    super(exporter);
  }

  override onEnd(span: ReadableSpan): void {
    this.budget.admit(span);
    const before = this.droppedSoFar();
    super.onEnd(span);
    // NOTE: relies on `_droppedSpansCount` of sdk-trace-base 2.12; if a later
    // version renames it, queue drops are no longer counted (still logged).
    if (this.droppedSoFar() > before) {
      this.stats.spansDroppedQueueFull += 1;
      this.budget.release(span);
    }
  }

  private droppedSoFar(): number {
    const value = (this as unknown as { _droppedSpansCount?: unknown })
      ._droppedSpansCount;
    return typeof value === 'number' ? value : 0;
  }
}

/** Returns a zeroed set of counters. */
export function emptyStats(): ExportStats {
  return {
    spansExported: 0,
    spansFailed: 0,
    spansDroppedQueueFull: 0,
    failedExports: 0,
  };
}
