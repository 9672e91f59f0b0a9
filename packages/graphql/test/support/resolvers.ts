/**
 * Resolvers of the test schema, in a file of their own so tests can check
 * the code locations that capture reports against this file.
 */

/** A user as the resolvers return it. */
interface User {
  id: string;
  email: string;
}

const users: Record<string, User> = {
  u1: { id: 'u1', email: 'jane@example.com' },
};

export function resolveHello(_source: unknown, args: { name?: string }) {
  return `hello ${args.name ?? 'world'}`;
}

export function resolveUser(_source: unknown, args: { id: string }) {
  return users[args.id] ?? null;
}

export async function resolveSlow(_source: unknown, args: { ms: number }) {
  await new Promise((resolve) => setTimeout(resolve, args.ms));
  return args.ms;
}

export function resolveBoom(): never {
  throw new Error('inventory service unavailable');
}

export async function resolveAsyncBoom(): Promise<never> {
  await Promise.resolve();
  throw new Error('pricing service timed out');
}

export function resolveLogin(
  _source: unknown,
  args: { user: string; password: string },
) {
  return { token: `token-for-${args.user}-${args.password.length}` };
}

export function resolveSignup(
  _source: unknown,
  args: { input: { email: string; password: string } },
) {
  return { id: 'u2', email: args.input.email };
}

/** Root value of the graphql-http app: `legacyStatus` has no schema resolver. */
export const rootValue = {
  legacyStatus: function legacyStatus(this: void): never {
    throw new Error('legacy status is gone');
  },
};
