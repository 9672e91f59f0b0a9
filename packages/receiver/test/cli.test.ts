import assert from 'node:assert/strict';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import type { ReceivedSpan } from '../src/index';
import { ChildOutput } from './child-output';
import { sendSpan } from './http-client';

const CLI_PATH = require.resolve('../src/cli');
const LISTENING =
  /listening http=(http:\/\/127\.0\.0\.1:[0-9]+) grpc=(http:\/\/127\.0\.0\.1:[0-9]+)\n/;

function startCli(
  t: { after: (fn: () => void) => void },
  extraArgs: string[] = [],
): { child: ChildProcessWithoutNullStreams; output: ChildOutput } {
  const child = spawn(process.execPath, [
    CLI_PATH,
    '--http-port',
    '0',
    '--grpc-port',
    '0',
    ...extraArgs,
  ]);
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
    }
  });
  return { child, output: new ChildOutput(child) };
}

void describe('tracegate-receiver CLI', () => {
  void it(
    'prints spans and stops on SIGTERM',
    { timeout: 20_000 },
    async (t) => {
      const { child, output } = startCli(t);
      const [, httpUrl, grpcUrl] = await output.waitFor(LISTENING, 10_000);
      assert.notEqual(httpUrl, grpcUrl);

      assert.equal(await sendSpan(httpUrl, 'cli span'), 200);
      await output.waitFor(/INTERNAL cli span UNSET/, 5000);

      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code, signal] = (await exited) as [number | null, string | null];
      assert.equal(code, 0);
      assert.equal(signal, null);
    },
  );

  void it('stops on SIGINT', { timeout: 20_000 }, async (t) => {
    const { child, output } = startCli(t);
    await output.waitFor(LISTENING, 10_000);

    const exited = once(child, 'exit');
    child.kill('SIGINT');
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0);
  });

  void it('prints JSON lines with --json', { timeout: 20_000 }, async (t) => {
    const { output } = startCli(t, ['--json']);
    const [, httpUrl] = await output.waitFor(LISTENING, 10_000);

    assert.equal(await sendSpan(httpUrl, 'json line span'), 200);
    const [line] = await output.waitFor(/^\{.*\}$/m, 5000);

    const span = JSON.parse(line) as ReceivedSpan;
    assert.equal(span.name, 'json line span');
    assert.equal(span.kind, 'INTERNAL');
    assert.equal(span.transport, 'http/protobuf');
  });

  void it('exits 2 on unknown option', () => {
    const result = spawnSync(process.execPath, [CLI_PATH, '--bogus'], {
      encoding: 'utf8',
      timeout: 10_000,
    });

    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(result.stderr, /Unknown option '--bogus'/);
  });

  void it('exits 2 on invalid port', () => {
    const result = spawnSync(process.execPath, [CLI_PATH, '--grpc-port', 'x'], {
      encoding: 'utf8',
      timeout: 10_000,
    });

    assert.equal(result.status, 2);
    assert.match(result.stderr, /--grpc-port must be a port number/);
  });

  void it('prints usage with --help', () => {
    const result = spawnSync(process.execPath, [CLI_PATH, '--help'], {
      encoding: 'utf8',
      timeout: 10_000,
    });

    assert.equal(result.status, 0);
    assert.match(result.stdout, /^Usage: tracegate-receiver/);
    for (const option of ['--host', '--http-port', '--grpc-port', '--json']) {
      assert.ok(result.stdout.includes(option), `usage lacks ${option}`);
    }
  });
});
