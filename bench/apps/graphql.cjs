'use strict';
// A GraphQL query served by graphql-http over Express.
const express = require('express');
const { buildSchema } = require('graphql');
const { createHandler } = require('graphql-http/lib/use/express');
const { listen } = require('./listen.cjs');

const schema = buildSchema(`
  type Item { sku: String!, quantity: Int! }
  type Order { id: ID!, status: String!, items: [Item!]! }
  type Query { order(id: ID!): Order }
`);

const rootValue = {
  order: ({ id }) => ({
    id,
    status: 'shipped',
    items: [
      { sku: 'A-1', quantity: 2 },
      { sku: 'B-7', quantity: 1 },
    ],
  }),
};

const app = express();
app.all('/graphql', createHandler({ schema, rootValue }));
listen(app);
