import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Receiver } from '@tracegate/receiver';
import { CORPUS } from './corpus';
import type { AppRun } from './differential-app';
import { normaliseExchange } from './response-bytes';

/**
 * Asserts that a run received the same normalised bytes as the baseline
 * run, case by case and connection by connection.
 */
export function assertSameResponses(actual: AppRun, expected: AppRun): void {
  for (const corpusCase of CORPUS) {
    const expectedExchanges = expected.results.get(corpusCase.name) ?? [];
    const actualExchanges = actual.results.get(corpusCase.name) ?? [];
    assert.equal(
      actualExchanges.length,
      expectedExchanges.length,
      `${corpusCase.name}: connections`,
    );
    expectedExchanges.forEach((exchange, index) => {
      assert.equal(
        normaliseExchange(actualExchanges[index]),
        normaliseExchange(exchange),
        `${corpusCase.name}: connection ${index + 1}`,
      );
    });
  }
}

/** Returns the non-empty lines of a process's stderr. */
export function stderrLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.trim() !== '');
}

/** Polls `condition` every 50 ms; resolves false if it is still false after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/**
 * Returns a `beforeStop` step for `runAppCorpus` that waits until the
 * receiver holds the span of GET /stats. That request is the last one of a
 * run, so its span ends last.
 */
export function waitForStatsSpan(receiver: Receiver): () => Promise<void> {
  return async () => {
    await receiver.waitForSpans(
      (span) => span.attributes['url.path'] === '/stats',
      15_000,
    );
  };
}
