import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Decision, StopDecision, Verdict } from '../../src';
import { createBlockingEngine, decisionRecords } from '../../src';
import { EMPTY_GET_VIEW } from '../support/views';

function stop(decision: Decision | Promise<Decision>): StopDecision {
  assert.ok(!(decision instanceof Promise), 'expected a synchronous decision');
  assert.notEqual(decision.outcome, 'allow');
  return decision as StopDecision;
}

void describe('blocking engine', () => {
  void it('answers synchronously when filters do', () => {
    const engine = createBlockingEngine({ filters: [() => undefined] });
    const decision = engine.evaluate(EMPTY_GET_VIEW);
    assert.ok(!(decision instanceof Promise));
    assert.equal(decision.outcome, 'allow');
  });

  void it('first block wins', () => {
    const calls: string[] = [];
    const engine = createBlockingEngine({
      filters: [
        function first() {
          calls.push('first');
          return { action: 'block', rule: 'r1' } as const;
        },
        function second() {
          calls.push('second');
          return { action: 'block' } as const;
        },
      ],
    });
    const decision = stop(engine.evaluate(EMPTY_GET_VIEW));
    assert.equal(decision.filter, 'first');
    assert.equal(decision.rule, 'r1');
    assert.deepEqual(calls, ['first']);
  });

  void it('collects every monitor match', () => {
    const engine = createBlockingEngine({
      filters: [
        { name: 'm1', mode: 'monitor', check: () => ({ action: 'block' }) },
        { name: 'm2', mode: 'monitor', check: () => ({ action: 'block' }) },
        () => {
          throw new Error('broken');
        },
      ],
    });
    const decision = stop(engine.evaluate(EMPTY_GET_VIEW));
    assert.equal(decision.outcome, 'monitor');
    const records = decisionRecords(decision);
    assert.deepEqual(
      records.map((record) => [record.filter, record.outcome, record.failure]),
      [
        ['m1', 'monitor', undefined],
        ['m2', 'monitor', undefined],
        ['filter-3', 'monitor', 'threw'],
      ],
    );
  });

  void it('async filter continues the chain', async () => {
    const engine = createBlockingEngine({
      filters: [
        () => Promise.resolve(undefined),
        () => ({ action: 'block', status: 429 }) as const,
      ],
    });
    const pending = engine.evaluate(EMPTY_GET_VIEW);
    assert.ok(pending instanceof Promise);
    const decision = stop(await pending);
    assert.equal(decision.verdict.status, 429);
  });

  void it('rejection fails open or closed', async () => {
    const reject = (): Promise<undefined> => Promise.reject(new Error('down'));
    const open = await createBlockingEngine({ filters: [reject] }).evaluate(
      EMPTY_GET_VIEW,
    );
    assert.equal(open.outcome, 'monitor');
    assert.equal(open.failure, 'threw');
    const closed = await createBlockingEngine({
      filters: [reject],
      failClosed: true,
    }).evaluate(EMPTY_GET_VIEW);
    assert.equal(closed.outcome, 'block');
  });

  void it('monitor filter never fails closed', () => {
    const engine = createBlockingEngine({
      failClosed: true,
      filters: [
        {
          name: 'watch',
          mode: 'monitor',
          check: () => {
            throw new Error('broken');
          },
        },
      ],
    });
    assert.equal(stop(engine.evaluate(EMPTY_GET_VIEW)).outcome, 'monitor');
  });

  void it('late result after timeout ignored', async () => {
    let settle: (value: Verdict) => void = () => undefined;
    const engine = createBlockingEngine({
      timeoutMs: 10,
      filters: [
        () =>
          new Promise<Verdict>((resolve) => {
            settle = resolve;
          }),
      ],
    });
    const decision = await engine.evaluate(EMPTY_GET_VIEW);
    assert.equal((decision as StopDecision).failure, 'timeout');
    settle({ action: 'block' });
  });

  void it('verdict frozen and reason cut', () => {
    const verdict = {
      action: 'block' as const,
      reason: 'x'.repeat(1000),
      headers: { 'x-why': 'a' },
    };
    const engine = createBlockingEngine({ filters: [() => verdict] });
    const decision = stop(engine.evaluate(EMPTY_GET_VIEW));
    verdict.headers['x-why'] = 'changed';
    assert.equal(decision.verdict.headers?.['x-why'], 'a');
    assert.equal(decision.reason.length, 256);
    assert.ok(Object.isFrozen(decision.verdict));
  });

  void it('invalid entries reported', () => {
    const engine = createBlockingEngine({
      filters: [
        42 as never,
        { name: 'nocheck' } as never,
        { name: 'bad', stages: ['later'], check: () => undefined } as never,
        { name: 'off', mode: 'off' as never, check: () => undefined },
        undefined,
      ],
    });
    assert.equal(engine.problems.length, 3);
    assert.equal(engine.active, false);
  });

  void it('wantsBody follows body filters', () => {
    assert.equal(
      createBlockingEngine({ filters: [() => undefined] }).wantsBody,
      false,
    );
    const engine = createBlockingEngine({
      filters: [{ name: 'b', stages: ['body'], check: () => undefined }],
    });
    assert.equal(engine.wantsBody, true);
  });
});
