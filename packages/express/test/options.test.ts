import { SpanStatusCode } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { ATTR_REQUEST_BODY_PARSED } from '@tracegate/http';
import { setupTracing } from './support/tracing';
import { buildApp } from './support/apps';
import { close, listen, send } from './support/client';
import { loadExpress } from './support/express-versions';

const tracing = setupTracing({
  express: {
    httpRoute: false,
    codeLocation: false,
    recordErrors: false,
    parsedBody: false,
  },
});

describe('features turned off', () => {
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

  it('httpRoute: upstream route', async () => {
    // The upstream route breaks when a layer runs after the response was sent.
    const span = await spanFor('/answered-then-next');
    assert.notEqual(span.attributes['http.route'], '/answered-then-next');
  });

  it('codeLocation: no code attributes', async () => {
    const span = await spanFor('/users/1');
    assert.equal(span.attributes['code.function.name'], undefined);
    assert.equal(span.attributes['code.line.number'], undefined);
  });

  it('recordErrors: no exception or error.type', async () => {
    const span = await spanFor('/fail/next');
    assert.equal(span.events.length, 0);
    assert.equal(span.attributes['error.type'], undefined);
    assert.notEqual(span.status.code, SpanStatusCode.ERROR);
  });

  it('parsedBody: raw body', async () => {
    const span = await spanFor('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"user":"jane"}',
    });
    assert.equal(span.attributes[ATTR_REQUEST_BODY_PARSED], undefined);
  });

  it('setConfig turns them back on', async () => {
    tracing.instrumentation.setConfig({});
    const span = await spanFor('/answered-then-next');
    assert.equal(span.attributes['http.route'], '/answered-then-next');
    assert.equal(span.attributes['code.function.name'], 'answerThenNext');
  });
});
