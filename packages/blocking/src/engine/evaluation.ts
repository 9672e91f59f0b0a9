import type { BlockVerdict, Decision, Stage, StopDecision } from '../types';
import type { FailureLog } from './failure-log';
import type { CallOutcome } from './filter-call';
import type { ActiveFilter } from './filter-list';
import { checkVerdict } from './verdict-check';
import { describeError } from '../logger';

/** Settings one evaluation needs from its engine. */
export interface EvaluationSettings {
  readonly failClosed: boolean;
  readonly failures: FailureLog;
}

type FailureKind = NonNullable<StopDecision['failure']>;

export const ALLOW_DECISION: Decision = Object.freeze({ outcome: 'allow' });

const FAILURE_VERDICT: BlockVerdict = Object.freeze({ action: 'block' });

/**
 * The decisions of one stage of one request, collected filter by filter.
 * `take` returns the block decision that ends the evaluation, if any.
 */
export class Evaluation {
  private readonly records: StopDecision[] = [];

  constructor(
    private readonly stage: Stage,
    private readonly settings: EvaluationSettings,
  ) {}

  /** Takes one filter's outcome; returns a block decision that ends the stage. */
  take(filter: ActiveFilter, outcome: CallOutcome): StopDecision | undefined {
    if (outcome.kind === 'timeout') {
      return this.fail(filter, 'timeout', 'no verdict within the time limit');
    }
    if (outcome.kind === 'threw') {
      return this.fail(filter, 'threw', describeError(outcome.error));
    }
    const checked = checkVerdict(outcome.value);
    if (!checked.ok) return this.fail(filter, 'invalid', checked.problem);
    const verdict = checked.verdict;
    if (verdict === undefined || verdict.action === 'allow') return undefined;
    const decision: StopDecision = Object.freeze({
      outcome: filter.monitor ? 'monitor' : 'block',
      stage: this.stage,
      filter: filter.name,
      ...(verdict.rule !== undefined && { rule: verdict.rule }),
      reason: verdict.reason ?? `matched filter ${filter.name}`,
      verdict,
    });
    if (decision.outcome === 'block') return decision;
    this.records.push(decision);
    return undefined;
  }

  /** Builds the decision of the stage once it ended, with or without a block. */
  finish(block?: StopDecision): Decision {
    const { records } = this;
    if (block !== undefined) {
      if (records.length === 0) return block;
      return Object.freeze({ ...block, records: [...records, block] });
    }
    if (records.length === 0) return ALLOW_DECISION;
    if (records.length === 1) return records[0];
    return Object.freeze({ ...records[0], records: [...records] });
  }

  // A monitor-mode filter never blocks, even when it fails under failClosed.
  private fail(
    filter: ActiveFilter,
    failure: FailureKind,
    detail: string,
  ): StopDecision | undefined {
    const closed = this.settings.failClosed && !filter.monitor;
    this.settings.failures.report(
      filter.name,
      failure,
      detail,
      closed ? 'blocked (fail closed)' : 'allowed (fail open)',
    );
    const decision: StopDecision = Object.freeze({
      outcome: closed ? 'block' : 'monitor',
      stage: this.stage,
      filter: filter.name,
      reason: `filter failed: ${failure}`,
      verdict: FAILURE_VERDICT,
      failure,
    });
    if (closed) return decision;
    this.records.push(decision);
    return undefined;
  }
}
