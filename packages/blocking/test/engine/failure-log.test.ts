import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DiagLogLevel, diag } from '@opentelemetry/api';
import {
  FAILURE_LOG_INTERVAL_MS,
  FailureLog,
} from '../../src/engine/failure-log';

const lines: string[] = [];
// A component logger passes its namespace first and the message after it.
const record = (...parts: unknown[]): void => {
  lines.push(parts.map(String).join(' '));
};

void describe('filter failure log', () => {
  before(() => {
    diag.setLogger(
      {
        error: record,
        warn: record,
        info: record,
        debug: record,
        verbose: record,
      },
      DiagLogLevel.WARN,
    );
  });

  after(() => diag.disable());

  void it('logs once per interval', () => {
    let now = 1_000;
    const log = new FailureLog(() => now);
    log.report('deny-bots', 'threw', 'TypeError: x', 'allowed (fail open)');
    log.report('deny-bots', 'threw', 'TypeError: x', 'allowed (fail open)');
    log.report('deny-bots', 'threw', 'TypeError: x', 'allowed (fail open)');
    assert.equal(lines.length, 1);
    assert.match(lines[0], /filter "deny-bots" failed \(threw\)/);

    log.report('deny-bots', 'timeout', 'no verdict', 'allowed (fail open)');
    assert.equal(lines.length, 2, 'another kind is logged on its own');

    now += FAILURE_LOG_INTERVAL_MS;
    log.report('deny-bots', 'threw', 'TypeError: x', 'allowed (fail open)');
    assert.equal(lines.length, 3);
    assert.match(lines[2], /2 more since the last report/);
  });
});
