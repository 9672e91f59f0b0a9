import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startReceiver } from '@tracegate/receiver';
import { start } from '../src';
import { loadFilterModule } from '../src/filter-modules';
import { withServer } from './support/app-server';

// The compiled test runs from packages/agent/dist/test; the fixture stays
// in the source tree.
const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');

describe('agent blocking', () => {
  it('runs code filters and filter modules', async () => {
    const receiver = await startReceiver({
      httpPort: 0,
      grpcPort: false,
      quiet: true,
    });
    const agent = start({
      export: { endpoint: receiver.httpUrl },
      blocking: {
        filterModules: [
          join(FIXTURES, 'path-filter.cjs'),
          './missing-filter.cjs',
        ],
        filters: [
          function denyAdmin(view) {
            return view.path.startsWith('/admin')
              ? { action: 'block' }
              : undefined;
          },
        ],
      },
    });
    try {
      await withServer(async (base, handled) => {
        assert.equal((await fetch(`${base}/admin/x`)).status, 403);
        assert.equal((await fetch(`${base}/from-module`)).status, 418);
        assert.equal(handled(), 0);
        assert.equal(await (await fetch(`${base}/ok`)).text(), 'app');
        assert.equal(handled(), 1);
      });
      const missing = agent.problems.filter(
        (problem) => problem.code === 'TG_CONFIG_BLOCKING_OPTION',
      );
      assert.equal(missing.length, 1);
      assert.equal(missing[0].key, 'blocking.filterModules');
      assert.match(missing[0].message, /missing-filter\.cjs/);
      await agent.forceFlush();
      const spans = await receiver.waitForSpans(
        (span) =>
          span.kind === 'SERVER' &&
          span.attributes['tracegate.blocking.filter'] === 'path-filter',
        10_000,
      );
      assert.equal(
        spans[0].attributes['tracegate.blocking.reason'],
        'module rule',
      );
    } finally {
      await agent.shutdown();
      await receiver.close();
    }
  });
});

describe('filter modules', () => {
  it('reports load errors as one message', () => {
    const broken = loadFilterModule(join(FIXTURES, 'no-such.cjs'));
    assert.equal(broken.ok, false);
    const notFilters = loadFilterModule('node:path');
    assert.equal(notFilters.ok, false);
    assert.match(
      notFilters.ok ? '' : notFilters.problem,
      /"node:path" is left out: its export is neither a function nor an object with a check function/,
    );
  });
});
