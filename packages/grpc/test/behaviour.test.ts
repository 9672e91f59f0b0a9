import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';

interface ScenarioRun {
  results: Array<{ style: string; outcomes: Record<string, unknown> }>;
  capturedSpans: number;
}

// Each mode needs its own process: instrumentations patch grpc-js when it
// is first loaded.
async function runScenario(mode: string): Promise<ScenarioRun> {
  const script = path.join(__dirname, 'support', 'scenario.js');
  const child = spawn(process.execPath, [script, mode], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) =>
    child.on('close', resolve),
  );
  assert.equal(code, 0, `scenario ${mode} failed: ${stderr}`);
  return JSON.parse(stdout) as ScenarioRun;
}

describe('app behaviour with Tracegate', () => {
  const runs: Record<string, ScenarioRun> = {};

  before(async () => {
    const modes = ['plain', 'upstream', 'tracegate', 'tracegate-alone'];
    const results = await Promise.all(modes.map(runScenario));
    modes.forEach((mode, index) => (runs[mode] = results[index]));
  });

  it('scenario covers every outcome', () => {
    const outcomes = runs.plain.results[0].outcomes as Record<
      string,
      { statusCode: number }
    >;
    assert.equal(outcomes.unary.statusCode, 0);
    assert.equal(outcomes.unaryFail.statusCode, 9);
    assert.equal(outcomes.unaryThrow.statusCode, 2);
    assert.equal(outcomes.unaryDeadline.statusCode, 4);
    assert.equal(outcomes.serverStreamFail.statusCode, 9);
    assert.equal(outcomes.serverStreamCancel.statusCode, 1);
    assert.equal(outcomes.clientStreamFail.statusCode, 9);
    assert.equal(outcomes.bidi.statusCode, 0);
  });

  it('capture ran with instrumentation-grpc', () => {
    assert.ok(
      runs.tracegate.capturedSpans > 20,
      String(runs.tracegate.capturedSpans),
    );
  });

  it('same calls as instrumentation-grpc alone', () => {
    for (const [index, result] of runs.tracegate.results.entries()) {
      assert.deepEqual(result, runs.upstream.results[index], result.style);
    }
  });

  it('same calls as no instrumentation', () => {
    for (const [index, result] of runs['tracegate-alone'].results.entries()) {
      assert.deepEqual(result, runs.plain.results[index], result.style);
    }
  });

  it('no capture without instrumentation-grpc', () => {
    assert.equal(runs['tracegate-alone'].capturedSpans, 0);
  });
});
