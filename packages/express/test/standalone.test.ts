import { SpanStatusCode } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { setupTracing } from './support/tracing';
import { buildApp } from './support/apps';
import { close, listen, send } from './support/client';
import { loadExpress } from './support/express-versions';

// OpenTelemetry's own HTTP instrumentation, without @tracegate/http.
const tracing = setupTracing({ http: 'plain' });

describe('with the upstream HTTP instrumentation', () => {
  let server: Server;
  let base: string;

  before(async () => {
    const express = loadExpress(5, tracing.instrumentation);
    ({ server, base } = await listen(buildApp(express, 5)));
  });
  after(() => close(server));

  async function spanFor(path: string, init: Parameters<typeof send>[1] = {}) {
    tracing.reset();
    await send(`${base}${path}`, init);
    return tracing.nextServerSpan();
  }

  it('sets the route', async () => {
    const span = await spanFor('/users/5/posts/6');
    assert.equal(span.attributes['http.route'], '/users/:id/posts/:postId');
  });

  it('sets the code location', async () => {
    const span = await spanFor('/users/5/posts/6');
    assert.equal(span.attributes['code.function.name'], 'getPost');
  });

  it('records errors', async () => {
    const span = await spanFor('/fail/throw');
    assert.equal(span.status.code, SpanStatusCode.ERROR);
    assert.equal(span.attributes['error.type'], 'TypeError');
  });

  it('records no body', async () => {
    const span = await spanFor('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"user":"jane"}',
    });
    assert.equal(span.attributes['http.request.body'], undefined);
  });
});
