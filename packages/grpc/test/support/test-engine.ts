import type {
  BlockingEngine,
  BlockVerdict,
  Decision,
  HeaderView,
  RequestIdentity,
  RequestView,
  Stage,
  StopDecision,
} from '@tracegate/blocking';

/** The decision that lets a call go on. */
export const ALLOW: Decision = { outcome: 'allow' };

/** Builds the block decision of the test filter at one stage. */
export function blockDecision(
  stage: Stage,
  verdict: Omit<BlockVerdict, 'action'> = {},
): StopDecision {
  return {
    outcome: 'block',
    stage,
    filter: 'test-filter',
    rule: 'test-rule',
    reason: verdict.reason ?? 'test block',
    verdict: { action: 'block', reason: 'test block', ...verdict },
  };
}

/** Builds the monitor decision of the test filter at one stage. */
export function monitorDecision(stage: Stage): StopDecision {
  return {
    outcome: 'monitor',
    stage,
    filter: 'test-monitor',
    reason: 'test match',
    verdict: { action: 'block', reason: 'test match' },
  };
}

/** Resolves to `value` after `ms` milliseconds, as an asynchronous filter would. */
export function later<T>(value: T, ms = 5): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

/**
 * A hand-written blocking engine: each test sets `decide` and `wantsBody`,
 * and every view the engine got is kept in `views`.
 */
export class TestEngine implements BlockingEngine {
  wantsBody = false;
  readonly views: RequestView[] = [];
  decide: (view: RequestView) => unknown = () => ALLOW;
  identify?: (peer: string | undefined, headers: HeaderView) => RequestIdentity;

  evaluate(view: RequestView): Decision | Promise<Decision> {
    this.views.push(view);
    return this.decide(view) as Decision | Promise<Decision>;
  }

  /** Returns the stages of the views the engine got, in order. */
  stages(): Stage[] {
    return this.views.map((view) => view.stage);
  }

  reset(): void {
    this.wantsBody = false;
    this.views.length = 0;
    this.decide = () => ALLOW;
    this.identify = undefined;
  }
}

/** A decision that the test settles by hand, for calls held at a stage. */
export class PendingDecision {
  readonly promise: Promise<Decision>;
  resolve!: (decision: Decision) => void;
  reject!: (error: unknown) => void;

  constructor() {
    this.promise = new Promise<Decision>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
}

/** Polls until `condition` holds, for at most `timeoutMs`. */
export async function waitFor(
  condition: () => boolean,
  description: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${description}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
