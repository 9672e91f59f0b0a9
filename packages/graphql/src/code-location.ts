import { Session } from 'node:inspector';
import { fileURLToPath } from 'node:url';
import type { CodeLocation } from './internal-types';
import { reportFailure } from './safe';

/** Global property that contains a function while the inspector reads it. */
const HANDOFF_KEY = '__tracegateGraphqlLocate';
const OBJECT_GROUP = 'tracegate-graphql';

interface RemoteLocation {
  scriptId: string;
  lineNumber: number;
  columnNumber: number;
}

/**
 * Finds where functions are defined through an in-process inspector session:
 * `Runtime.getProperties` reports a function's `[[FunctionLocation]]`, and
 * the script URLs come from `Debugger.scriptParsed`. Every lookup is
 * synchronous and cached per function in a WeakMap, so each resolver costs
 * one lookup in the life of the process, and no stack trace is built.
 */
export class CodeLocator {
  private readonly cache = new WeakMap<object, CodeLocation | null>();
  private readonly scriptUrls = new Map<string, string>();
  private session: Session | undefined;
  private unavailable = false;

  /** Returns the definition site of `fn`, or undefined for native and bound functions. */
  locate(fn: unknown): CodeLocation | undefined {
    if (typeof fn !== 'function') return undefined;
    const cached = this.cache.get(fn);
    if (cached !== undefined) return cached ?? undefined;
    const location = this.lookUp(fn as (...args: never[]) => unknown) ?? null;
    this.cache.set(fn, location);
    return location ?? undefined;
  }

  private lookUp(fn: (...args: never[]) => unknown): CodeLocation | undefined {
    const session = this.connect();
    if (session === undefined) return undefined;
    try {
      const remote = this.functionLocation(session, fn);
      if (remote === undefined) return undefined;
      const url = this.scriptUrl(session, remote.scriptId);
      if (url === undefined || url === '') return undefined;
      return {
        functionName: fn.name || '<anonymous>',
        filePath: url.startsWith('file:') ? fileURLToPath(url) : url,
        line: remote.lineNumber + 1,
        column: remote.columnNumber + 1,
      };
    } catch (error) {
      reportFailure('code location lookup', error);
      return undefined;
    }
  }

  private functionLocation(
    session: Session,
    fn: (...args: never[]) => unknown,
  ): RemoteLocation | undefined {
    const global = globalThis as Record<string, unknown>;
    global[HANDOFF_KEY] = fn;
    try {
      const evaluated = post(session, 'Runtime.evaluate', {
        expression: `globalThis.${HANDOFF_KEY}`,
        objectGroup: OBJECT_GROUP,
      }) as { result?: { objectId?: string } };
      const objectId = evaluated.result?.objectId;
      if (objectId === undefined) return undefined;
      const properties = post(session, 'Runtime.getProperties', {
        objectId,
        ownProperties: true,
      }) as {
        internalProperties?: Array<{
          name: string;
          value?: { value?: RemoteLocation };
        }>;
      };
      return properties.internalProperties?.find(
        (property) => property.name === '[[FunctionLocation]]',
      )?.value?.value;
    } finally {
      delete global[HANDOFF_KEY];
      post(session, 'Runtime.releaseObjectGroup', {
        objectGroup: OBJECT_GROUP,
      });
    }
  }

  /**
   * Returns a script's URL. An unknown script id makes the session enable
   * the debugger for a moment: `Debugger.enable` reports every loaded script
   * through `scriptParsed`, and the debugger is disabled again right away so
   * that it costs nothing while the app runs.
   */
  private scriptUrl(session: Session, scriptId: string): string | undefined {
    if (!this.scriptUrls.has(scriptId)) {
      // NOTE: this blocks the event loop while the debugger lists every
      // loaded script, about 35 ms for 720 scripts on Node.js 20.20.
      post(session, 'Debugger.enable', {});
      post(session, 'Debugger.disable', {});
    }
    return this.scriptUrls.get(scriptId);
  }

  private connect(): Session | undefined {
    if (this.session !== undefined || this.unavailable) return this.session;
    try {
      const session = new Session();
      session.connect();
      session.on('Debugger.scriptParsed', (message) => {
        this.scriptUrls.set(message.params.scriptId, message.params.url);
      });
      this.session = session;
    } catch (error) {
      // A Node.js built without the inspector, or a worker without access to it.
      this.unavailable = true;
      reportFailure('inspector session', error);
    }
    return this.session;
  }
}

/**
 * Sends one inspector command. The callback of `Session.post` runs before
 * `post` returns on the main thread, so the reply is read synchronously.
 */
function post(session: Session, method: string, params: object): unknown {
  const outcome: { answered: boolean; error: Error | null; reply?: unknown } = {
    answered: false,
    error: null,
  };
  session.post(method, params, (error: Error | null, result: unknown) => {
    outcome.answered = true;
    outcome.error = error;
    outcome.reply = result;
  });
  if (outcome.error !== null) throw outcome.error;
  if (!outcome.answered)
    throw new Error(
      `inspector command ${method} returned no reply synchronously`,
    );
  return outcome.reply;
}
