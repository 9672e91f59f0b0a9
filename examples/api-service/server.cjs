'use strict';
// An Express 5 service with a nested router, a JSON body parser, an error
// handler, a GraphQL endpoint (graphql-http) and a gRPC server.
// node --require @tracegate/agent/register server.cjs
const express = require('express');
const { createHandler } = require('graphql-http/lib/use/express');
const { schema, rootValue } = require('./graphql-schema.cjs');
const { startGrpc } = require('./grpc-server.cjs');

function createApp(grpcAddress) {
  const app = express();
  app.use(express.json());

  const users = express.Router();
  users.post('/:id', function updateUser(request, response) {
    response
      .status(200)
      .json({ id: request.params.id, updated: Object.keys(request.body) });
  });
  users.get('/:id/fail', function failingUser() {
    throw new Error('user store unavailable');
  });

  const v1 = express.Router();
  v1.use('/users', users);
  app.use('/api/v1', v1);
  app.get('/api/grpc-address', (request, response) =>
    response.json({ grpcAddress }),
  );
  app.all('/graphql', createHandler({ schema, rootValue }));

  // Express recognises an error handler by its four parameters.
  // eslint-disable-next-line no-unused-vars
  app.use(function errorHandler(error, request, response, next) {
    response.status(500).json({ error: error.message });
  });
  return app;
}

async function main() {
  const grpcAddress = await startGrpc();
  const server = createApp(grpcAddress).listen(
    Number(process.env.PORT ?? 3000),
    '127.0.0.1',
    () => {
      console.log(`listening http://127.0.0.1:${server.address().port}`);
    },
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
