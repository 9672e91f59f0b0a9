import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AttackInput } from '../src';
import { MAX_DEPTH, inspectRequest, inspectValue } from '../src';
import { emptyRequest } from './helpers';

const TEN_MB = 10 * 1024 * 1024;
const DEPTH = 10_000;
// Measured with node --expose-gc on a 2-core AMD EPYC machine under load
// from other work: 9 ms for the 10 MB value, 13 ms for the 10 MB body
// text, 2 ms for 10,000-deep objects, 51 ms for 100,000 keys. The limit
// leaves room for a slower CI machine and still fails if the input were
// scanned in full.
const LIMIT_MS = 1000;
// Measured heap growth: 10.5 MiB for a 10 MB value, because V8 flattens
// the concatenated test string once it is sliced; under 5 MiB otherwise.
const LIMIT_BYTES = 64 * 1024 * 1024;

function measure(run: () => void): { ms: number; bytes: number } {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const start = performance.now();
  run();
  const ms = performance.now() - start;
  return { ms, bytes: process.memoryUsage().heapUsed - before };
}

function nested(depth: number, leaf: Record<string, unknown>): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) {
    value = { a: value };
  }
  return value;
}

describe('hostile input', () => {
  it('inspects a 10 MB value within time and memory bounds', () => {
    const value = `${"' OR 1=1 -- ".repeat(1000)}${'x'.repeat(TEN_MB)}`;
    let findings = 0;
    const cost = measure(() => {
      findings = inspectValue(value).length;
    });
    assert.ok(findings > 0);
    assert.ok(cost.ms < LIMIT_MS, `${cost.ms} ms`);
    assert.ok(cost.bytes < LIMIT_BYTES, `${cost.bytes} bytes`);
  });

  it('inspects a 10 MB body text within bounds', () => {
    const input: AttackInput = {
      ...emptyRequest(),
      bodyText: '<'.repeat(TEN_MB),
    };
    const cost = measure(() => inspectRequest(input));
    assert.ok(cost.ms < LIMIT_MS, `${cost.ms} ms`);
    assert.ok(cost.bytes < LIMIT_BYTES, `${cost.bytes} bytes`);
  });

  it('stops at the depth limit of 10,000-deep objects', () => {
    const deep: AttackInput = {
      ...emptyRequest(),
      body: nested(DEPTH, { $where: 'x' }),
    };
    const shallow: AttackInput = {
      ...emptyRequest(),
      body: nested(MAX_DEPTH - 2, { $where: 'x' }),
    };
    let findings: unknown[] = [];
    const cost = measure(() => {
      findings = inspectRequest(deep);
    });
    assert.deepEqual(findings, []);
    assert.equal(inspectRequest(shallow).length, 1);
    assert.ok(cost.ms < LIMIT_MS, `${cost.ms} ms`);
  });

  it('handles 10,000-deep arrays', () => {
    let body: unknown = ['<script>'];
    for (let i = 0; i < DEPTH; i++) {
      body = [body];
    }
    const cost = measure(() => inspectRequest({ ...emptyRequest(), body }));
    assert.ok(cost.ms < LIMIT_MS, `${cost.ms} ms`);
  });

  it('bounds the work on 100,000 keys', () => {
    const body: Record<string, string> = {};
    for (let i = 0; i < 100_000; i++) {
      body[`k${i}`] = `<script>${i}`;
    }
    let count = 0;
    const cost = measure(() => {
      count = inspectRequest({ ...emptyRequest(), body }).length;
    });
    // At most one finding per inspected value, and the value limit stops
    // the walk long before the last key.
    assert.ok(count > 0, `${count} findings`);
    assert.ok(count < 1000, `${count} findings`);
    assert.ok(cost.ms < LIMIT_MS, `${cost.ms} ms`);
  });

  it('accepts lone surrogates and invalid escapes', () => {
    const values = [
      '\uD800',
      '\uDFFF<script>',
      `${'\uD83D'.repeat(5000)}' or 1=1--`,
      '%C0%AE%C0%AE%2F%FF%FE%',
      '%uD800%uDC00',
      '%',
      '\u0000'.repeat(1000),
    ];
    for (const value of values) {
      assert.doesNotThrow(() => inspectValue(value));
    }
    assert.equal(inspectValue('\uDFFF<script>')[0]?.family, 'xss');
  });

  it('accepts cyclic and exotic bodies', () => {
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    const bodies: unknown[] = [
      cyclic,
      new Map([['a', '<script>']]),
      Object.create(null) as unknown,
      [undefined, null, 1n, Symbol('s'), () => 1],
    ];
    for (const body of bodies) {
      assert.doesNotThrow(() => inspectRequest({ ...emptyRequest(), body }));
    }
  });
});
