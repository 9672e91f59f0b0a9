import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { CodeLocator } from '../src/code-locator';

const run = promisify(execFile);
const CHILD = join(__dirname, 'support', 'location-child.js');

interface ChildResult {
  status: number;
  body: string;
  route: unknown;
  functionName: unknown;
  filePath: unknown;
  lineNumber: unknown;
}

async function serveOnce(flags: string[]): Promise<ChildResult> {
  const { stdout } = await run(process.execPath, [...flags, CHILD], {
    timeout: 30_000,
  });
  return JSON.parse(stdout) as ChildResult;
}

describe('code location without a usable inspector', () => {
  it('permission model: no location', async () => {
    // Node 20's permission model denies the inspector (ERR_ACCESS_DENIED).
    const result = await serveOnce([
      '--experimental-permission',
      '--allow-fs-read=*',
    ]);
    assert.equal(result.status, 200);
    assert.equal(result.body, '{"id":"42"}');
    assert.equal(result.route, '/users/:id');
    assert.equal(result.functionName, undefined);
    assert.equal(result.lineNumber, undefined);
  });

  it('inspector listening on a port', async () => {
    const result = await serveOnce(['--inspect=127.0.0.1:0']);
    assert.equal(result.status, 200);
    assert.equal(result.functionName, 'getUser');
    assert.equal(result.filePath, join(__dirname, 'support', 'apps.js'));
  });

  it('session that fails to open', () => {
    const locator = new CodeLocator(() => {
      throw new Error('inspector is not available');
    });
    assert.equal(
      locator.locate(function namedHandler() {}),
      undefined,
    );
  });

  it('session that never calls back', () => {
    const silent = { post: () => {}, on: () => silent, off: () => silent };
    const locator = new CodeLocator(() => silent as never);
    assert.equal(
      locator.locate(function namedHandler() {}),
      undefined,
    );
  });
});
