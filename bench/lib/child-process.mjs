// Starts the benchmark's child processes and stops them again.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** Repository root, the working directory of every child process. */
export const REPOSITORY_ROOT = new URL('../..', import.meta.url).pathname;

/**
 * Starts `node <args>` and waits for its `listening <details>` line on
 * standard output. Resolves with the child, the details text and `stop()`.
 */
export async function startListeningProcess(label, args, env = {}) {
  const child = spawn(process.execPath, args, {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdoutLines = [];
  const stderr = [];
  child.stderr.on('data', (chunk) => stderr.push(chunk));
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => stdoutLines.push(line));

  const details = await waitForListening(child, lines).catch((error) => {
    child.kill('SIGKILL');
    throw new Error(
      `${label} did not start: ${error.message}\n${Buffer.concat(stderr)}`,
    );
  });
  return {
    child,
    details,
    stdoutLines,
    stderrText: () => Buffer.concat(stderr).toString('utf8'),
    stop: () => stopProcess(child),
  };
}

function waitForListening(child, lines) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no listening line in ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    lines.on('line', (line) => {
      if (!line.startsWith('listening ')) return;
      clearTimeout(timer);
      resolve(line.slice('listening '.length));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code ?? signal} before listening`));
    });
  });
}

/** Sends SIGTERM, then SIGKILL after a timeout, and waits for the exit. */
export async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** Runs `node <args>` to its end and resolves with its last output line. */
export async function runToCompletion(label, args) {
  const child = spawn(process.execPath, args, {
    cwd: REPOSITORY_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout = [];
  const stderr = [];
  child.stdout.on('data', (chunk) => stdout.push(chunk));
  child.stderr.on('data', (chunk) => stderr.push(chunk));
  const [code] = await once(child, 'exit');
  const lines = Buffer.concat(stdout).toString('utf8').trim().split('\n');
  if (code !== 0) {
    throw new Error(
      `${label} failed with exit code ${code}: ${Buffer.concat(stderr)}`,
    );
  }
  return lines[lines.length - 1];
}
