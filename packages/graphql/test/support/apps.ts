import type * as ApolloServerModule from '@apollo/server';
import type * as StandaloneModule from '@apollo/server/standalone';
import type express from 'express';
import type * as GraphqlHttpExpress from 'graphql-http/lib/use/express';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Graphql17Tree } from './graphql17';
import { rootValue } from './resolvers';
import { buildTestSchema } from './schema';

/** A running test app and how to stop it. */
export interface RunningApp {
  url: string;
  stop(): Promise<void>;
}

/* eslint-disable @typescript-eslint/no-require-imports -- the frameworks
   are loaded after the instrumentation is registered, never at import time. */

/**
 * Starts an Apollo Server 4 standalone app on 127.0.0.1 with batched
 * requests allowed. Stack traces are left out of error responses: they
 * would contain the instrumentation's wrapper frames.
 */
export async function startApolloApp(): Promise<RunningApp> {
  const { ApolloServer } =
    require('@apollo/server') as typeof ApolloServerModule;
  const { startStandaloneServer } =
    require('@apollo/server/standalone') as typeof StandaloneModule;
  const server = new ApolloServer({
    schema: buildTestSchema(),
    allowBatchedHttpRequests: true,
    includeStacktraceInErrorResponses: false,
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
  });
  return { url, stop: () => server.stop() };
}

/**
 * Starts a graphql-http handler on an Express 4 app on 127.0.0.1, with the
 * graphql and graphql-http of `tree` when given (graphql 17).
 */
export async function startGraphqlHttpApp(
  tree?: Graphql17Tree,
): Promise<RunningApp> {
  const createApp = require('express') as typeof express;
  const { createHandler } = (tree?.require ?? require)(
    'graphql-http/lib/use/express',
  ) as typeof GraphqlHttpExpress;
  const app = createApp();
  // graphql-http's types come from another @types/express major version.
  const handler = createHandler({
    schema: buildTestSchema(tree?.graphql),
    rootValue,
  }) as unknown as express.RequestHandler;
  app.all('/graphql', handler);
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */
