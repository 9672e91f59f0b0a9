import type { FindingSink } from './types';

/** Forwards findings to the caller's sink and keeps a throwing sink from breaking redaction. */
export class Reporter {
  private readonly sink: FindingSink | undefined;

  constructor(sink: FindingSink | undefined) {
    this.sink = typeof sink === 'function' ? sink : undefined;
  }

  /** Reports one masked value of `type` found at `path`. */
  report(type: string, path: string): void {
    if (this.sink === undefined) {
      return;
    }
    try {
      this.sink({ type, path });
    } catch {
      // NOTE: a throwing sink is ignored without a log entry, because this
      // package has no logger; the sink owner should catch its own errors.
    }
  }
}
