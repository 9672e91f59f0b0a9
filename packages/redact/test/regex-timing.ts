import { spawn } from 'node:child_process';
import type { HostileInput } from './pattern-corpus';

// Runs in the child: builds the input, prints a line when the search
// starts, then the milliseconds it took. A search over the whole input
// finds no match or one near the end, so every start position is tried.
const CHILD_SCRIPT = `
const { source, flags, input } = JSON.parse(process.argv[1]);
const text = input.prefix + input.pump.repeat(input.repeat) + input.suffix;
const regex = new RegExp(source, flags);
process.stdout.write('started\\n', () => {
  const started = performance.now();
  regex.exec(text);
  process.stdout.write(String(performance.now() - started));
});
`;
// A child that has not started its search by then has failed to start.
const START_LIMIT_MS = 60_000;

/** A pattern and the input to time it on. */
export interface TimedPattern {
  readonly source: string;
  readonly flags: string;
  readonly input: HostileInput;
}

/** Result of one timed search: milliseconds, or `timeout` when the child was killed. */
export type Timing = number | 'timeout';

/**
 * Times `pattern` on its hostile input in a child process that is killed
 * `limitMs` after its search starts, so a runaway search cannot hang the
 * test and a slow process start on a loaded machine does not count.
 */
export function timeSearch(
  pattern: TimedPattern,
  limitMs: number,
): Promise<Timing> {
  const argument = JSON.stringify({
    source: pattern.source,
    flags: pattern.flags,
    input: pattern.input,
  });
  const child = spawn(process.execPath, ['-e', CHILD_SCRIPT, argument], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    let timedOut = false;
    const kill = (): void => {
      timedOut = true;
      child.kill('SIGKILL');
    };
    let timer = setTimeout(kill, START_LIMIT_MS);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (!output.includes('\n') && (output + chunk).includes('\n')) {
        clearTimeout(timer);
        timer = setTimeout(kill, limitMs);
      }
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const [marker, elapsed] = output.split('\n');
      if (timedOut && marker === 'started') {
        resolve('timeout');
      } else if (code === 0 && elapsed !== undefined) {
        resolve(Number(elapsed));
      } else {
        reject(new Error(`timing child exited with ${code}: ${output}`));
      }
    });
  });
}
