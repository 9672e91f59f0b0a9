import type * as Inspector from 'node:inspector';
import type { Session } from 'node:inspector';

/** The part of `inspector.Session` that Tracegate uses. */
export type InspectorSession = Pick<Session, 'post' | 'on' | 'off'>;

/** Opens and connects an in-process inspector session; may throw. */
export type SessionFactory = () => InspectorSession;

/** Connects a session on the current thread; the factory used outside tests. */
export const connectInspector: SessionFactory = () => {
  // Loaded on first use: a Node build without the inspector throws here,
  // and so does the permission model (ERR_ACCESS_DENIED).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const inspector = require('node:inspector') as typeof Inspector;
  const session = new inspector.Session();
  session.connect();
  return session;
};

/**
 * Sends one inspector command and returns its result. A session on the
 * current thread calls back before `post` returns. A command that did not
 * is reported as an error rather than waited for, because the caller runs
 * on the request path.
 */
export function callInspector(
  session: InspectorSession,
  method: string,
  params: object = {},
): unknown {
  const reply: { calledBack: boolean; error?: Error | null; result?: unknown } =
    {
      calledBack: false,
    };
  session.post(method, params, (error, result) => {
    reply.calledBack = true;
    reply.error = error;
    reply.result = result;
  });
  if (!reply.calledBack) {
    throw new Error(
      `inspector command ${method} did not return a result synchronously`,
    );
  }
  if (reply.error) throw reply.error;
  return reply.result;
}
