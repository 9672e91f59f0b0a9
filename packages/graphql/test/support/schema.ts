import type * as Graphql from 'graphql';
import type { GraphQLSchema } from 'graphql';
import {
  resolveAsyncBoom,
  resolveBoom,
  resolveHello,
  resolveLogin,
  resolveSignup,
  resolveSlow,
  resolveUser,
} from './resolvers';

/** The schema of both test apps, in SDL. */
export const TYPE_DEFS = `
  type Query {
    hello(name: String): String!
    user(id: ID!): User
    slow(ms: Int!): Int!
    boom: String
    asyncBoom: String
    legacyStatus: String
  }
  type User {
    id: ID!
    email: String!
  }
  type Session {
    token: String!
  }
  input SignupInput {
    email: String!
    password: String!
  }
  type Mutation {
    login(user: String!, password: String!): Session!
    signup(input: SignupInput!): User!
  }
`;

/** Resolvers by type and field, in the shape Apollo Server takes. */
export const RESOLVERS = {
  Query: {
    hello: resolveHello,
    user: resolveUser,
    slow: resolveSlow,
    boom: resolveBoom,
    asyncBoom: resolveAsyncBoom,
  },
  Mutation: { login: resolveLogin, signup: resolveSignup },
};

/**
 * Loads `graphql` at call time, after the instrumentation is registered, as
 * an app preloaded with the agent would.
 */
export function graphql(): typeof Graphql {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('graphql') as typeof Graphql;
}

/** Builds the schema with graphql's own `buildSchema` and attaches the resolvers. */
export function buildTestSchema(
  graphqlModule: typeof Graphql = graphql(),
): GraphQLSchema {
  const schema = graphqlModule.buildSchema(TYPE_DEFS);
  for (const [typeName, fields] of Object.entries(RESOLVERS)) {
    const type = schema.getType(typeName) as Graphql.GraphQLObjectType;
    for (const [fieldName, resolve] of Object.entries(fields)) {
      type.getFields()[fieldName].resolve = resolve as never;
    }
  }
  return schema;
}
