import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBlockingEngine } from '../../src';
import { EMPTY_GET_VIEW } from '../support/views';

const block = (): { action: 'block' } => ({ action: 'block' });

/** A filter object whose `check` getter throws. */
const throwingGetter = {
  name: 'throwing-getter',
  get check(): never {
    throw new Error('getter failed');
  },
};

/** A Proxy that throws on every property read. */
const throwingProxy = new Proxy(
  {},
  {
    get(): never {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw 'not an Error';
    },
  },
);

/** Returns a filter whose `mode` reads `monitor` first and `block` afterwards. */
function changingMode(): object {
  let reads = 0;
  return {
    name: 'changing-mode',
    check: block,
    get mode(): string {
      reads += 1;
      return reads === 1 ? 'monitor' : 'block';
    },
  };
}

void describe('hostile filter entries', () => {
  void it('throwing getters cost only their filter', () => {
    const engine = createBlockingEngine({
      filters: [
        throwingGetter,
        throwingProxy as never,
        { name: 'ok', check: block },
      ],
    });
    assert.equal(engine.problems.length, 2);
    assert.match(engine.problems[0], /^filter 1 could not be read: Error/);
    assert.match(
      engine.problems[1],
      /^filter 2 could not be read: a thrown string/,
    );
    const decision = engine.evaluate(EMPTY_GET_VIEW);
    assert.ok(!(decision instanceof Promise));
    assert.equal(decision.outcome, 'block');
  });

  void it('fields are read once', () => {
    const engine = createBlockingEngine({ filters: [changingMode() as never] });
    assert.deepEqual(engine.problems, []);
    const decision = engine.evaluate(EMPTY_GET_VIEW);
    assert.ok(!(decision instanceof Promise));
    assert.equal(decision.outcome, 'monitor');
  });
});
