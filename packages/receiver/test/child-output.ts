import type { ChildProcess } from 'node:child_process';

/** Collected standard output of a child process that tests can wait on. */
export class ChildOutput {
  private text = '';
  private exitCode: number | null | undefined;
  private readonly listeners = new Set<() => void>();

  /** Starts collecting the child's standard output, which must be a pipe. */
  constructor(child: ChildProcess) {
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      this.text += chunk;
      this.notify();
    });
    child.once('exit', (code) => {
      this.exitCode = code;
      this.notify();
    });
  }

  /** Output collected so far. */
  get value(): string {
    return this.text;
  }

  /**
   * Waits until the output matches the pattern and returns the match.
   *
   * Rejects after timeoutMs milliseconds or when the child exits first.
   */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const match = pattern.exec(this.text);
        if (match !== null) {
          finish();
          resolve(match);
        } else if (this.exitCode !== undefined) {
          finish();
          reject(
            this.failure(pattern, `the child exited with ${this.exitCode}`),
          );
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(this.failure(pattern, `timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  private failure(pattern: RegExp, reason: string): Error {
    return new Error(
      `output never matched ${pattern} because ${reason}. Output so far:\n${this.text}`,
    );
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      listener();
    }
  }
}
