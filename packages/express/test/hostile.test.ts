import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { NextFunction, Request, Response } from 'express';
import { ATTR_REQUEST_BODY_PARSED } from '@tracegate/http';
import { setupTracing } from './support/tracing';
import { close, listen, send } from './support/client';
import { EXPRESS_MAJORS, loadExpress } from './support/express-versions';
import type { ExpressModule } from './support/express-versions';

const tracing = setupTracing();
const ERROR_HANDLERS = 12;

/** Builds an app whose handlers and request values fight the plugin. */
function buildHostileApp(express: ExpressModule) {
  const app = express();
  app.set('env', 'production');

  const numberName = (_req: Request, res: Response) => {
    res.send('named by a number');
  };
  Object.defineProperty(numberName, 'name', { value: 42 });
  app.get('/number-name', numberName);

  app.use('/proxy-body', (req: Request, _res: Response, next: NextFunction) => {
    req.body = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('ownKeys trap');
        },
        get() {
          throw new Error('get trap');
        },
      },
    );
    next();
  });
  app.post('/proxy-body', (_req: Request, res: Response) => {
    res.send('proxy ok');
  });

  app.get(
    '/many-errors',
    (_req: Request, _res: Response, next: NextFunction) => {
      next(new Error('error 0'));
    },
  );
  for (let index = 1; index <= ERROR_HANDLERS; index++) {
    app.use(
      (_error: Error, _req: Request, _res: Response, next: NextFunction) => {
        next(new Error(`error ${index}`));
      },
    );
  }
  app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).send(error.message);
  });
  return app;
}

for (const major of EXPRESS_MAJORS) {
  describe(`hostile app with Express ${major}`, () => {
    let server: Server;
    let base: string;

    before(async () => {
      const express = loadExpress(major, tracing.instrumentation);
      ({ server, base } = await listen(buildHostileApp(express)));
    });
    after(() => close(server));

    it('function name that is not a string', async () => {
      tracing.reset();
      const response = await send(`${base}/number-name`);
      assert.equal(response.body, 'named by a number');
      const span = await tracing.nextServerSpan();
      assert.equal(span.attributes['code.function.name'], undefined);
      assert.equal(typeof span.attributes['code.line.number'], 'number');
    });

    it('req.body that throws on access', async () => {
      tracing.reset();
      const response = await send(`${base}/proxy-body`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"a":1}',
      });
      assert.equal(response.status, 200);
      assert.equal(response.body, 'proxy ok');
      const span = await tracing.nextServerSpan();
      assert.equal(span.attributes[ATTR_REQUEST_BODY_PARSED], undefined);
    });

    it('errors per request are capped', async () => {
      tracing.reset();
      const response = await send(`${base}/many-errors`);
      assert.equal(response.status, 500);
      assert.equal(response.body, `error ${ERROR_HANDLERS}`);
      const span = await tracing.nextServerSpan();
      const exceptions = span.events.filter(
        (event) => event.name === 'exception',
      );
      assert.equal(exceptions.length, 8);
    });
  });
}
