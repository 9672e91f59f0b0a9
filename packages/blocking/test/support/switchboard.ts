import type { Filter, RequestView, Verdict } from '../../src';

/** What a switchable filter does for the next requests. */
export type Behaviour =
  | { kind: 'allow' }
  | { kind: 'block'; verdict?: Partial<Verdict> }
  | { kind: 'throw' }
  | { kind: 'hang' }
  | { kind: 'garbage'; value: unknown }
  | { kind: 'async'; delayMs: number; verdict?: Verdict };

/**
 * A filter whose behaviour each test sets, so one server with one
 * instrumentation serves every case. It keeps the views it saw.
 */
export class SwitchFilter implements Filter {
  behaviour: Behaviour = { kind: 'allow' };
  readonly seen: Array<{
    stage: string;
    view: RequestView;
    body?: unknown;
    bodyText?: string;
  }> = [];

  constructor(
    readonly name: string,
    readonly stages: Filter['stages'],
    readonly mode?: Filter['mode'],
  ) {}

  check(view: RequestView): ReturnType<Filter['check']> {
    this.seen.push({
      stage: view.stage,
      view,
      body: view.stage === 'body' ? view.body : undefined,
      bodyText: view.stage === 'body' ? view.bodyText : undefined,
    });
    const behaviour = this.behaviour;
    switch (behaviour.kind) {
      case 'allow':
        return undefined;
      case 'block':
        return {
          action: 'block',
          reason: 'test block',
          ...behaviour.verdict,
        };
      case 'throw':
        throw new Error('filter failure for the test');
      case 'hang':
        return new Promise(() => undefined);
      case 'garbage':
        return behaviour.value as Verdict;
      case 'async':
        return new Promise((resolve) =>
          setTimeout(() => resolve(behaviour.verdict), behaviour.delayMs),
        );
    }
  }
}
