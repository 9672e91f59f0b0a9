import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { ATTR_REQUEST_BODY_PARSED, REQUEST_BODY } from '@tracegate/http';
import { setupTracing } from './support/tracing';
import { buildApp } from './support/apps';
import { close, listen, send } from './support/client';
import { EXPRESS_MAJORS, loadExpress } from './support/express-versions';

const tracing = setupTracing();

for (const major of EXPRESS_MAJORS) {
  describe(`parsed bodies with Express ${major}`, () => {
    let server: Server;
    let base: string;

    before(async () => {
      const express = loadExpress(major, tracing.instrumentation);
      ({ server, base } = await listen(buildApp(express, major)));
    });
    after(() => close(server));

    async function post(contentType: string, body: string) {
      tracing.reset();
      const response = await send(`${base}/login`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      });
      return { response, span: await tracing.nextServerSpan() };
    }

    it('JSON body from express.json()', async () => {
      const raw = '{ "user": "jane",\n  "password": "hunter2" }';
      const { response, span } = await post('application/json', raw);
      assert.equal(response.status, 200);
      assert.equal(
        span.attributes[REQUEST_BODY.body],
        '{"user":"jane","password":"[REDACTED:password]"}',
      );
      assert.equal(span.attributes[ATTR_REQUEST_BODY_PARSED], true);
      assert.equal(span.attributes[REQUEST_BODY.size], Buffer.byteLength(raw));
    });

    it('form body from express.urlencoded()', async () => {
      const { span } = await post(
        'application/x-www-form-urlencoded',
        'user=jane&password=hunter2',
      );
      assert.equal(
        span.attributes[REQUEST_BODY.body],
        '{"user":"jane","password":"[REDACTED:password]"}',
      );
      assert.equal(span.attributes[ATTR_REQUEST_BODY_PARSED], true);
    });

    it('text body stays raw', async () => {
      const { span } = await post('text/plain', 'user jane');
      assert.equal(span.attributes[REQUEST_BODY.body], 'user jane');
      assert.equal(span.attributes[ATTR_REQUEST_BODY_PARSED], undefined);
    });

    it('invalid JSON stays raw', async () => {
      const raw = '{"user": "jane", "password": "hunter2", ';
      const { response, span } = await post('application/json', raw);
      assert.equal(response.status, 400);
      assert.equal(span.attributes[ATTR_REQUEST_BODY_PARSED], undefined);
      assert.match(
        String(span.attributes[REQUEST_BODY.body]),
        /"password": "\[REDACTED:password\]"/,
      );
    });

    it('request without a body', async () => {
      tracing.reset();
      await send(`${base}/users/1`);
      const span = await tracing.nextServerSpan();
      assert.equal(span.attributes[REQUEST_BODY.body], undefined);
      assert.equal(span.attributes[ATTR_REQUEST_BODY_PARSED], undefined);
    });
  });
}
