import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { setupTracing } from './support/tracing';
import { buildApp } from './support/apps';
import { close, listen, send } from './support/client';
import { EXPRESS_MAJORS, loadExpress } from './support/express-versions';

const tracing = setupTracing();

interface RouteCase {
  name: string;
  path: string;
  status: number;
  /** Expected `http.route`, or undefined when no route responded. */
  route: string | undefined;
}

function routeCases(major: 4 | 5): RouteCase[] {
  return [
    {
      name: 'nested router',
      path: '/users/42',
      status: 200,
      route: '/users/:id',
    },
    {
      name: 'params in a mount path',
      path: '/users/42/posts/7',
      status: 200,
      route: '/users/:id/posts/:postId',
    },
    {
      name: 'two nested routers',
      path: '/api/v1/items/9',
      status: 200,
      route: '/api/v1/items/:itemId',
    },
    {
      name: 'router.use without a path',
      path: '/health',
      status: 200,
      route: '/health',
    },
    {
      name: 'regex route',
      path: '/files/a/b.txt',
      status: 200,
      route: String(/^\/files\/(.+)$/),
    },
    {
      name: 'regex route in a router',
      path: '/archive/2024',
      status: 200,
      route: `/archive${String(/^\/(\d{4})$/)}`,
    },
    {
      name: 'catch-all in a router',
      path: '/legacy/old/page',
      status: 410,
      route: major === 5 ? '/legacy/{*rest}' : '/legacy/*',
    },
    { name: 'array route', path: '/manual', status: 200, route: '/manual' },
    {
      name: 'route after next(route)',
      path: '/pick/special',
      status: 200,
      route: '/pick/special',
    },
    {
      name: 'route before next(route)',
      path: '/pick/3',
      status: 200,
      route: '/pick/:id',
    },
    {
      name: 'answer then next()',
      path: '/answered-then-next',
      status: 200,
      route: '/answered-then-next',
    },
    {
      name: 'error handled elsewhere',
      path: '/fail/next',
      status: 400,
      route: '/fail/next',
    },
    {
      name: 'no matching route',
      path: '/nowhere',
      status: 404,
      route: undefined,
    },
    {
      name: 'no route inside a router',
      path: '/users/42/unknown/deep',
      status: 404,
      route: undefined,
    },
  ];
}

for (const major of EXPRESS_MAJORS) {
  describe(`http.route with Express ${major}`, () => {
    let server: Server;
    let base: string;

    before(async () => {
      const express = loadExpress(major, tracing.instrumentation);
      ({ server, base } = await listen(buildApp(express, major)));
    });
    after(() => close(server));

    for (const testCase of routeCases(major)) {
      it(testCase.name, async () => {
        tracing.reset();
        const response = await send(`${base}${testCase.path}`);
        assert.equal(response.status, testCase.status);
        const span = await tracing.nextServerSpan();
        assert.equal(span.attributes['http.route'], testCase.route);
        const expectedName =
          testCase.route === undefined ? 'GET' : `GET ${testCase.route}`;
        assert.equal(span.name, expectedName);
      });
    }
  });
}
