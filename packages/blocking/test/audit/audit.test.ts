import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Span } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  ATTR_BLOCKING_DECISION,
  ATTR_BLOCKING_FAILURE,
  ATTR_BLOCKING_FILTER,
  ATTR_BLOCKING_RULE,
  EVENT_BLOCKING_DECISION,
  recordDecision,
} from '../../src/audit';
import type { AuditState } from '../../src/audit';
import type { StopDecision } from '../../src/types';

function newSpan(): Span {
  return new BasicTracerProvider().getTracer('audit-test').startSpan('req');
}

function attributesOf(span: Span): ReadableSpan['attributes'] {
  return (span as unknown as ReadableSpan).attributes;
}

function stop(
  outcome: StopDecision['outcome'],
  filter: string,
  extra: Partial<StopDecision> = {},
): StopDecision {
  return {
    outcome,
    stage: 'headers',
    filter,
    reason: `${filter} matched`,
    verdict: { action: 'block' },
    ...extra,
  };
}

describe('audit trail', () => {
  it('keeps no rule of an earlier monitor match under a block', () => {
    const span = newSpan();
    const state: AuditState = { blocked: false };
    recordDecision(span, stop('monitor', 'rules', { rule: 'rules[0]' }), state);
    recordDecision(span, stop('block', 'denyBots'), state);
    const attributes = attributesOf(span);
    assert.equal(attributes[ATTR_BLOCKING_DECISION], 'block');
    assert.equal(attributes[ATTR_BLOCKING_FILTER], 'denyBots');
    assert.equal(attributes[ATTR_BLOCKING_RULE], 'denyBots');
  });

  it('marks a failure of an earlier decision as none under a block', () => {
    const span = newSpan();
    const state: AuditState = { blocked: false };
    recordDecision(span, stop('monitor', 'flaky', { failure: 'threw' }), state);
    recordDecision(span, stop('block', 'amounts', { rule: 'negative' }), state);
    const attributes = attributesOf(span);
    assert.equal(attributes[ATTR_BLOCKING_FAILURE], 'none');
    assert.equal(attributes[ATTR_BLOCKING_RULE], 'negative');
  });

  it('keeps the first monitor match in the attributes', () => {
    const span = newSpan();
    const state: AuditState = { blocked: false };
    recordDecision(span, stop('monitor', 'first', { rule: 'a' }), state);
    recordDecision(span, stop('monitor', 'second', { rule: 'b' }), state);
    assert.equal(attributesOf(span)[ATTR_BLOCKING_FILTER], 'first');
    assert.equal(attributesOf(span)[ATTR_BLOCKING_RULE], 'a');
  });

  it('records every decision as an event', () => {
    const span = newSpan();
    const state: AuditState = { blocked: false };
    recordDecision(span, stop('monitor', 'first'), state);
    recordDecision(span, stop('block', 'second'), state);
    recordDecision(span, stop('monitor', 'late'), state);
    const events = (span as unknown as ReadableSpan).events;
    assert.deepEqual(
      events.map((event) => [
        event.name,
        event.attributes?.[ATTR_BLOCKING_FILTER],
      ]),
      [
        [EVENT_BLOCKING_DECISION, 'first'],
        [EVENT_BLOCKING_DECISION, 'second'],
        [EVENT_BLOCKING_DECISION, 'late'],
      ],
    );
    assert.equal(attributesOf(span)[ATTR_BLOCKING_FILTER], 'second');
  });
});
