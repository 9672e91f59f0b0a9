import type {
  BlockingEngine,
  Decision,
  HeaderView,
  RequestIdentity,
  RequestView,
} from '../types';
import { createClientIpResolver } from '../view/client-ip';
import { createUserIdReader } from '../view/user-id';
import { ALLOW_DECISION, Evaluation } from './evaluation';
import type { EvaluationSettings } from './evaluation';
import { FailureLog } from './failure-log';
import type { CallOutcome } from './filter-call';
import { isThenable, settleWithin } from './filter-call';
import type { ActiveFilter } from './filter-list';
import { buildFilterList } from './filter-list';
import type { BlockingEngineOptions } from './options';
import { DEFAULT_FILTER_TIMEOUT_MS } from './options';

/** The engine that {@link createBlockingEngine} returns. */
export interface ConfiguredBlockingEngine extends BlockingEngine {
  /** True when at least one filter runs at some stage. */
  readonly active: boolean;
  /** Options and filters that were left out, one sentence each. */
  readonly problems: readonly string[];
  identify(
    peerAddress: string | undefined,
    headers: HeaderView,
  ): RequestIdentity;
}

/**
 * Creates the blocking engine: it runs the filters of a stage in order, and
 * the first block verdict ends the stage. Filters in monitor mode and
 * filters that fail under fail-open add records and let the request go on.
 * When every filter answers synchronously, `evaluate` returns the decision
 * itself, so the integrations can carry on without waiting for a promise.
 */
export function createBlockingEngine(
  options: BlockingEngineOptions = {},
): ConfiguredBlockingEngine {
  const list = buildFilterList(options.filters ?? []);
  const clientIp = createClientIpResolver({
    trustedProxies: options.trustedProxies,
    header: options.clientIpHeader,
  });
  const userId = createUserIdReader(options.userId);
  const timeoutMs = validTimeout(options.timeoutMs);
  const settings: EvaluationSettings = {
    failClosed: options.failClosed === true,
    failures: new FailureLog(),
  };
  const run = (view: RequestView): Decision | Promise<Decision> => {
    const filters = view.stage === 'body' ? list.body : list.headers;
    if (filters.length === 0) return ALLOW_DECISION;
    const evaluation = new Evaluation(view.stage, settings);
    return runFrom(filters, 0, view, evaluation, timeoutMs);
  };
  return {
    active: list.headers.length > 0 || list.body.length > 0,
    wantsBody: list.body.length > 0,
    problems: [...list.problems, ...clientIp.problems],
    evaluate: run,
    identify: (peerAddress, headers) => ({
      clientIp: clientIp.resolve(peerAddress, headers),
      userId: userId?.(headers),
    }),
  };
}

function validTimeout(value: number | undefined): number {
  if (value === undefined) return DEFAULT_FILTER_TIMEOUT_MS;
  return Number.isFinite(value) && value > 0
    ? value
    : DEFAULT_FILTER_TIMEOUT_MS;
}

/**
 * Runs the filters from `start` on. It stays synchronous until a filter
 * returns a promise, then continues after that promise settles.
 */
function runFrom(
  filters: readonly ActiveFilter[],
  start: number,
  view: RequestView,
  evaluation: Evaluation,
  timeoutMs: number,
): Decision | Promise<Decision> {
  for (let index = start; index < filters.length; index += 1) {
    const filter = filters[index];
    const outcome = callFilter(filter, view);
    if (isThenable(outcome)) {
      return settleWithin(outcome, timeoutMs).then((settled) => {
        const block = evaluation.take(filter, settled);
        if (block !== undefined) return evaluation.finish(block);
        return runFrom(filters, index + 1, view, evaluation, timeoutMs);
      });
    }
    const block = evaluation.take(filter, outcome);
    if (block !== undefined) return evaluation.finish(block);
  }
  return evaluation.finish();
}

function callFilter(
  filter: ActiveFilter,
  view: RequestView,
): CallOutcome | PromiseLike<unknown> {
  try {
    const value = filter.check.call(filter.target, view);
    // Inside the try: reading `then` of a hostile object can throw too.
    if (isThenable(value)) return value;
    return { kind: 'returned', value };
  } catch (error) {
    return { kind: 'threw', error };
  }
}
