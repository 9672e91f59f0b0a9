import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReceivedSpan } from '@tracegate/receiver';
import { startReceiver } from '@tracegate/receiver';
import type { RunningService } from './support/service';
import { startService } from './support/service';

const APP = [
  '--require',
  '@tracegate/agent/register',
  'test/fixtures/blocking/app.cjs',
];

interface Reply {
  status: number;
  headers: Headers;
  text: string;
}

async function call(url: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(url, init);
  return {
    status: response.status,
    headers: response.headers,
    text: await response.text(),
  };
}

async function handledCount(service: RunningService): Promise<number> {
  return Number((await call(`${service.base}/handled`)).text);
}

function serverSpanOf(path: string): (span: ReceivedSpan) => boolean {
  return (span) =>
    span.kind === 'SERVER' && span.attributes['url.path'] === path;
}

describe('blocking through TRACEGATE_* variables', () => {
  it('blocks at both stages and exports the audit', async () => {
    const receiver = await startReceiver({
      httpPort: 0,
      grpcPort: false,
      quiet: true,
    });
    const service = await startService(APP, {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.httpUrl,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      TRACEGATE_BLOCKING_FILTER_MODULES: [
        'test/fixtures/blocking/deny-header.cjs',
        'test/fixtures/blocking/broken.cjs',
      ].join(','),
      TRACEGATE_BLOCKING_BODY_STAGE_MAX_BYTES: '4096',
      TRACEGATE_BLOCKING_RULES: JSON.stringify({
        mode: 'block',
        rules: [{ path: '/admin/*', action: 'block' }],
      }),
    });
    try {
      const byHeader = await call(`${service.base}/a`, {
        headers: { 'x-test-deny': '1' },
      });
      assert.equal(byHeader.status, 451);
      const byRule = await call(`${service.base}/admin/users`);
      assert.equal(byRule.status, 403);
      const byBody = await call(`${service.base}/b`, {
        method: 'POST',
        body: 'a forbidden-word here',
      });
      assert.equal(byBody.status, 403);
      assert.equal(await handledCount(service), 0);

      const allowed = await call(`${service.base}/c`, {
        method: 'POST',
        body: 'x'.repeat(10_000),
      });
      assert.equal(allowed.text, 'handled 10000');
      assert.equal(await handledCount(service), 1);

      const [bodySpan] = await receiver.waitForSpans(
        serverSpanOf('/b'),
        10_000,
      );
      assert.equal(bodySpan.attributes['tracegate.blocking.decision'], 'block');
      assert.equal(
        bodySpan.attributes['tracegate.blocking.filter'],
        'forbidden-word',
      );
      assert.equal(bodySpan.attributes['tracegate.blocking.stage'], 'body');
      assert.equal(bodySpan.attributes['tracegate.blocking.rule'], 'word');
      assert.equal(
        bodySpan.attributes['tracegate.blocking.reason'],
        'forbidden word',
      );
      const event = bodySpan.events.find(
        (item) => item.name === 'tracegate.blocking.decision',
      );
      assert.equal(
        event?.attributes['tracegate.blocking.filter'],
        'forbidden-word',
      );

      const [headerSpan] = await receiver.waitForSpans(
        serverSpanOf('/a'),
        10_000,
      );
      assert.equal(
        headerSpan.attributes['tracegate.blocking.stage'],
        'headers',
      );
      assert.equal(headerSpan.attributes['http.response.status_code'], 451);

      const [bigSpan] = await receiver.waitForSpans(serverSpanOf('/c'), 10_000);
      assert.equal(
        bigSpan.attributes['tracegate.blocking.body_skipped'],
        'size_limit',
      );
      assert.match(service.stderr(), /TG_CONFIG_BLOCKING_OPTION/);
      assert.match(service.stderr(), /broken\.cjs/);
    } finally {
      await service.stop();
      await receiver.close();
    }
  });

  it('blocks under --import in ES modules', async () => {
    const receiver = await startReceiver({
      httpPort: 0,
      grpcPort: false,
      quiet: true,
    });
    const service = await startService(
      [
        '--import',
        '@tracegate/agent/register',
        'examples/http-service/server.mjs',
      ],
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.httpUrl,
        TRACEGATE_BLOCKING_RULES: JSON.stringify({
          mode: 'block',
          rules: [{ path: '/blocked', action: 'block' }],
        }),
      },
    );
    try {
      const blocked = await call(`${service.base}/blocked`);
      assert.equal(blocked.status, 403);
      assert.match(blocked.text, /The request was blocked/);
      // The example service answers unknown paths itself with 404.
      const passed = await call(`${service.base}/not-a-route`);
      assert.equal(passed.status, 404);
    } finally {
      await service.stop();
      await receiver.close();
    }
  });
});
