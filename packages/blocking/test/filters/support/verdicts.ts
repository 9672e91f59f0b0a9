import assert from 'node:assert/strict';
import type { BlockVerdict, Verdict } from '../../../src/types';

/** Asserts that a check returned a block verdict and returns it. */
export function expectBlock(verdict: Verdict | undefined | void): BlockVerdict {
  assert.ok(verdict !== undefined, 'expected a block verdict, got allow');
  assert.ok(verdict.action === 'block', 'expected a block verdict');
  return verdict;
}
