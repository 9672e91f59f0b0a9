import type { DiagLogger } from '@opentelemetry/api';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { SpanEndControl } from '../src/span-end';

const exporter = new InMemorySpanExporter();
const tracer = new BasicTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(exporter)],
}).getTracer('span-end-test');

function startSpan() {
  const span = tracer.startSpan('call');
  return { span, readable: span as unknown as ReadableSpan };
}

function durationMs(span: ReadableSpan): number {
  return span.duration[0] * 1000 + span.duration[1] / 1e6;
}

describe('SpanEndControl', () => {
  it('waits for the status', () => {
    const { span, readable } = startSpan();
    const control = new SpanEndControl(span, () => undefined);
    span.end();
    assert.equal(readable.ended, false);
    control.markStatusKnown();
    assert.equal(readable.ended, true);
  });

  it('flushes before the end', () => {
    const { span, readable } = startSpan();
    let endedAtFlush: boolean | undefined;
    const control = new SpanEndControl(span, () => {
      endedAtFlush = readable.ended;
      span.setAttribute('flushed', true);
    });
    span.end();
    control.markStatusKnown();
    assert.equal(endedAtFlush, false);
    assert.equal(readable.attributes.flushed, true);
  });

  it('keeps the requested end time', () => {
    const { span, readable } = startSpan();
    const control = new SpanEndControl(span, () => undefined);
    span.end();
    // The status comes 30 ms later; the recorded end must not move.
    const requested = performance.now();
    while (performance.now() - requested < 30) {
      // Busy wait, so no other task runs in between.
    }
    control.markStatusKnown();
    assert.ok(durationMs(readable) < 25, String(durationMs(readable)));
  });

  it('ends on the next tick without a status', async () => {
    const { span, readable } = startSpan();
    new SpanEndControl(span, () => undefined);
    span.end();
    assert.equal(readable.ended, false);
    await new Promise((resolve) => process.nextTick(resolve));
    assert.equal(readable.ended, true);
  });

  it('ends at once after the status', () => {
    const { span, readable } = startSpan();
    const control = new SpanEndControl(span, () => undefined);
    control.markStatusKnown();
    span.end();
    assert.equal(readable.ended, true);
  });

  it('passes an explicit end time', () => {
    const { span, readable } = startSpan();
    const control = new SpanEndControl(span, () => undefined);
    const endTime = new Date(Date.now() + 60_000);
    control.markStatusKnown();
    span.end(endTime);
    assert.ok(durationMs(readable) > 50_000, String(durationMs(readable)));
  });

  it('ignores a second end', async () => {
    const errors: unknown[] = [];
    const logger: DiagLogger = {
      error: (...args) => errors.push(args),
      warn: () => undefined,
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    };
    diag.setLogger(logger, DiagLogLevel.ERROR);
    try {
      const { span } = startSpan();
      const control = new SpanEndControl(span, () => undefined);
      control.endNow();
      span.end();
      span.end();
      await sleep(1);
      assert.deepEqual(errors, []);
    } finally {
      diag.disable();
    }
  });

  it('ends an open span now', () => {
    const { span, readable } = startSpan();
    const control = new SpanEndControl(span, () => undefined);
    control.endNow();
    assert.equal(readable.ended, true);
    assert.equal(control.ended, true);
  });
});
