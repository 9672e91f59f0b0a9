import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { setupTracing } from './support/tracing';
import { buildApp } from './support/apps';
import { close, listen, send } from './support/client';
import { EXPRESS_MAJORS, loadExpress } from './support/express-versions';

const tracing = setupTracing();

interface ErrorCase {
  name: string;
  path: string;
  status: number;
  type: string;
  message: string;
  /** A function name the recorded stack must contain. */
  raisedIn: string;
}

function errorCases(major: 4 | 5): ErrorCase[] {
  const cases: ErrorCase[] = [
    {
      name: 'next(err) handled by the app',
      path: '/fail/next',
      status: 400,
      type: 'ValidationError',
      message: 'bad id',
      raisedIn: 'failWithNext',
    },
    {
      name: 'thrown error',
      path: '/fail/throw',
      status: 500,
      type: 'TypeError',
      message: 'broken',
      raisedIn: 'failWithThrow',
    },
  ];
  if (major === 5) {
    cases.push({
      name: 'rejected promise',
      path: '/fail/async',
      status: 500,
      type: 'RangeError',
      message: 'late',
      raisedIn: 'failAsync',
    });
  }
  return cases;
}

function exceptionEvents(span: ReadableSpan) {
  return span.events.filter((event) => event.name === 'exception');
}

for (const major of EXPRESS_MAJORS) {
  describe(`errors with Express ${major}`, () => {
    let server: Server;
    let base: string;

    before(async () => {
      const express = loadExpress(major, tracing.instrumentation);
      ({ server, base } = await listen(buildApp(express, major)));
    });
    after(() => close(server));

    async function request(path: string) {
      tracing.reset();
      const response = await send(`${base}${path}`);
      return { response, span: await tracing.nextServerSpan() };
    }

    for (const testCase of errorCases(major)) {
      it(testCase.name, async () => {
        const { response, span } = await request(testCase.path);
        assert.equal(response.status, testCase.status);
        assert.equal(span.status.code, SpanStatusCode.ERROR);
        assert.equal(span.status.message, testCase.message);
        assert.equal(span.attributes['error.type'], testCase.type);
        const events = exceptionEvents(span);
        assert.equal(events.length, 1);
        const attributes = events[0].attributes ?? {};
        assert.equal(attributes['exception.message'], testCase.message);
        assert.match(
          String(attributes['exception.stacktrace']),
          new RegExp(`at ${testCase.raisedIn} `),
        );
      });
    }

    it('error thrown by an error handler', async () => {
      const { response, span } = await request('/fail/escalate');
      assert.equal(response.status, 500);
      const messages = exceptionEvents(span).map(
        (event) => event.attributes?.['exception.message'],
      );
      assert.deepEqual(messages, ['escalate', 'escalated']);
      assert.equal(span.status.message, 'escalate');
    });

    it('no error on success', async () => {
      const { response, span } = await request('/users/1');
      assert.equal(response.status, 200);
      assert.equal(span.status.code, SpanStatusCode.UNSET);
      assert.equal(exceptionEvents(span).length, 0);
      assert.equal(span.attributes['error.type'], undefined);
    });

    it('404 is not an error', async () => {
      const { response, span } = await request('/nowhere');
      assert.equal(response.status, 404);
      assert.equal(exceptionEvents(span).length, 0);
    });
  });
}
