import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** Root of the repository, from test/dist/support. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** A service process started for a test. */
export interface RunningService {
  child: ChildProcess;
  base: string;
  /** Everything the process wrote to stderr so far. */
  stderr: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts a Node.js process that prints `listening <url>` as its first stdout
 * line, as the example service does, and resolves once it is listening.
 */
export async function startService(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<RunningService> {
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const lines = createInterface({ input: child.stdout });
  const firstLine = once(lines, 'line') as Promise<[string]>;
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(
      `service exited with ${String(code)} before listening:\n${stderr}`,
    );
  });
  const [line] = await Promise.race([firstLine, exited]);
  return {
    child,
    base: line.replace('listening ', '').trim(),
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const done = once(child, 'exit');
      child.kill('SIGTERM');
      await done;
    },
  };
}
