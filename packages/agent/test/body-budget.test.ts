import { TraceFlags } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ATTR_BODIES_DROPPED, BodyBudget } from '../src/body-budget';

function fakeSpan(body: string, sampled = true): ReadableSpan {
  const attributes = { 'http.request.body': body, 'url.path': '/x' };
  const spanContext = () => ({
    traceId: '0'.repeat(31) + '1',
    spanId: '0'.repeat(15) + '1',
    traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
  });
  return { attributes, spanContext } as unknown as ReadableSpan;
}

describe('BodyBudget', () => {
  it('keeps bodies within the cap', () => {
    const budget = new BodyBudget(100);
    const span = fakeSpan('a'.repeat(60));
    budget.admit(span);
    assert.equal(span.attributes['http.request.body'], 'a'.repeat(60));
    assert.equal(budget.pendingChars, 60);
  });

  it('drops bodies past the cap and keeps other attributes', () => {
    const budget = new BodyBudget(100);
    budget.admit(fakeSpan('a'.repeat(60)));
    const second = fakeSpan('b'.repeat(60));
    budget.admit(second);
    assert.equal(second.attributes['http.request.body'], undefined);
    assert.equal(second.attributes[ATTR_BODIES_DROPPED], 'export_backlog');
    assert.equal(second.attributes['url.path'], '/x');
    assert.equal(budget.pendingChars, 60);
  });

  it('frees room on release', () => {
    const budget = new BodyBudget(100);
    const first = fakeSpan('a'.repeat(60));
    budget.admit(first);
    budget.release(first);
    budget.release(first);
    assert.equal(budget.pendingChars, 0);
    const second = fakeSpan('b'.repeat(60));
    budget.admit(second);
    assert.equal(second.attributes['http.request.body'], 'b'.repeat(60));
  });

  it('ignores unsampled spans', () => {
    const budget = new BodyBudget(100);
    budget.admit(fakeSpan('a'.repeat(60), false));
    assert.equal(budget.pendingChars, 0);
  });
});
