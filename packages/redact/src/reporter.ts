import type { FindingSink } from './types';

/** Forwards findings to the caller's sink and keeps a throwing sink from breaking redaction. */
export class Reporter {
  private readonly sink: FindingSink | undefined;

  constructor(sink: FindingSink | undefined) {
    this.sink = typeof sink === 'function' ? sink : undefined;
  }

  /** Set when a sink receives the findings, so a caller can skip building them. */
  get hasSink(): boolean {
    return this.sink !== undefined;
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

/** A reporter that keeps findings until {@link flushTo} reports them, for a pass that may give up and start again. */
export class BufferedReporter extends Reporter {
  /** The type and path of each finding, in turn. */
  private readonly findings: string[] = [];

  constructor() {
    super(undefined);
  }

  override get hasSink(): boolean {
    return true;
  }

  override report(type: string, path: string): void {
    this.findings.push(type, path);
  }

  /** Reports the held findings to `reporter`, in order. */
  flushTo(reporter: Reporter): void {
    const findings = this.findings;
    for (let i = 0; i < findings.length; i += 2) {
      reporter.report(findings[i], findings[i + 1]);
    }
  }
}
