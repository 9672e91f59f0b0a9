import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAttackFilter } from '../../src/filters';
import type { Filter, Verdict } from '../../src/types';
import { expectBlock } from './support/verdicts';
import { makeView } from './support/views';

// The filter with the detectors of @tracegate/attacks, as the agent builds
// it: no stand-in, so a change on either side that breaks the wiring fails.
function realFilter(onLimit: 'allow' | 'block' = 'allow'): Filter {
  const filter = createAttackFilter({ mode: 'block', onLimit });
  assert.ok(filter, 'the filter was not created');
  return filter;
}

function check(filter: Filter, url: string, body?: unknown): Verdict | void {
  const stage = body === undefined ? 'headers' : 'body';
  return filter.check(makeView(url, { stage, body })) as Verdict | void;
}

describe('attack filter with @tracegate/attacks', () => {
  it('blocks SQL injection in the query', () => {
    const url = `/items?id=${encodeURIComponent("1' OR '1'='1' --")}`;
    const verdict = expectBlock(check(realFilter(), url));
    assert.match(verdict.reason ?? '', /^sqli detected in query\.id/);
  });

  it('blocks NoSQL operators in the body', () => {
    const body = { user: 'ann', password: { $ne: null } };
    const verdict = expectBlock(check(realFilter(), '/login', body));
    assert.match(verdict.reason ?? '', /nosql_injection/);
  });

  it('allows an ordinary request', () => {
    const filter = realFilter();
    assert.equal(check(filter, '/items?id=42&sort=name'), undefined);
    const body = { name: "Ann O'Brien", note: 'Select one of 3 plans' };
    assert.equal(check(filter, '/orders', body), undefined);
  });

  it('lets a too deep body pass by default', () => {
    assert.equal(check(realFilter(), '/orders', deeplyNested()), undefined);
  });

  it('blocks a too deep body with onLimit block', () => {
    const verdict = expectBlock(
      check(realFilter('block'), '/orders', deeplyNested()),
    );
    assert.equal(verdict.rule, 'attacks.inspection_limit');
    assert.match(verdict.reason ?? '', /maxDepth/);
  });

  it('still allows an ordinary body with onLimit block', () => {
    const body = { name: 'Ann', items: [{ sku: 'A-1', quantity: 2 }] };
    assert.equal(check(realFilter('block'), '/orders', body), undefined);
  });
});

/** Builds a body with SQL injection nested deeper than the detector walks. */
function deeplyNested(): unknown {
  let body: unknown = { id: "1' OR '1'='1' --" };
  for (let depth = 0; depth < 100; depth++) body = { next: body };
  return body;
}
