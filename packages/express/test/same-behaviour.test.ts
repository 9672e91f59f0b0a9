import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { EXPRESS_MAJORS } from './support/express-versions';
import type { AppRequest } from './support/requests';

const run = promisify(execFile);
const CHILD = join(__dirname, 'support', 'differential-child.js');

interface RecordedResponse {
  request: AppRequest;
  status: number;
  headers: Record<string, unknown>;
  body: string;
  /** The Express layer spans of the request, described one per line. */
  spans: string[];
}

type Mode = 'plain' | 'upstream' | 'tracegate';

async function responsesOf(
  major: number,
  mode: Mode,
): Promise<RecordedResponse[]> {
  const { stdout } = await run(process.execPath, [CHILD, String(major), mode], {
    timeout: 30_000,
  });
  return JSON.parse(stdout) as RecordedResponse[];
}

function label(response: RecordedResponse): string {
  return `${response.request.method} ${response.request.path}`;
}

for (const major of EXPRESS_MAJORS) {
  describe(`Express ${major} app with and without Tracegate`, () => {
    let plain: RecordedResponse[];
    let upstream: RecordedResponse[];
    let tracegate: RecordedResponse[];

    before(async () => {
      [plain, upstream, tracegate] = await Promise.all([
        responsesOf(major, 'plain'),
        responsesOf(major, 'upstream'),
        responsesOf(major, 'tracegate'),
      ]);
    });

    it('gives the same responses', () => {
      assert.equal(tracegate.length, plain.length);
      for (const [index, expected] of plain.entries()) {
        const actual = tracegate[index];
        assert.equal(actual.status, expected.status, label(expected));
        assert.deepEqual(actual.headers, expected.headers, label(expected));
        assert.equal(actual.body, expected.body, label(expected));
      }
    });

    it('keeps the upstream layer spans', () => {
      assert.equal(tracegate.length, upstream.length);
      for (const [index, expected] of upstream.entries()) {
        assert.ok(expected.spans.length > 0, label(expected));
        assert.deepEqual(
          tracegate[index].spans,
          expected.spans,
          label(expected),
        );
      }
    });
  });
}
