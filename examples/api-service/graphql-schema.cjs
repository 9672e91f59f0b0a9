'use strict';
// The GraphQL part of the example: a login mutation whose password argument
// Tracegate must redact whatever the variable feeding it is called.
const { buildSchema } = require('graphql');

const schema = buildSchema(`
  type User { id: ID!, email: String! }
  type Session { token: String!, user: User! }
  type Query { user(id: ID!): User }
  type Mutation { login(email: String!, password: String!): Session }
`);

const rootValue = {
  user: ({ id }) => {
    if (id === '0') throw new Error('user 0 is reserved');
    return { id, email: 'jane.doe@example.com' };
  },
  login: ({ email }) => ({
    token: 'sess_abcdef123456',
    user: { id: '7', email },
  }),
};

module.exports = { schema, rootValue };
