import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A test app running in a child process. */
export interface ChildApp {
  url: string;
  stop(): Promise<void>;
}

/** Starts `app-process.js` for one app kind and mode, and waits for its URL. */
export async function startChildApp(
  kind: 'apollo' | 'graphql-http',
  mode: 'plain' | 'traced',
): Promise<ChildApp> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...process.execArgv.filter((arg) => !arg.startsWith('--test')),
      join(__dirname, 'app-process.js'),
      kind,
      mode,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`${kind} ${mode} app exited with code ${String(code)}`);
    }),
  ])) as [string];
  lines.close();
  const { url } = JSON.parse(line) as { url: string };
  return {
    url,
    stop: async () => {
      const exited = once(child, 'exit');
      child.stdin!.end();
      await exited;
    },
  };
}
