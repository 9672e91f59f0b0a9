import { Session } from 'node:inspector';
import { fileURLToPath } from 'node:url';
import type { CodeLocation } from './internal-types';
import { reportFailure } from './safe';

/** Global property that contains a function while the inspector reads it. */
const HANDOFF_KEY = '__tracegateGraphqlLocate';
const OBJECT_GROUP = 'tracegate-graphql';

/**
 * Listings allowed back to back, and the time that earns one more. Each
 * listing blocks the event loop for tens to hundreds of milliseconds. A few
 * late-loaded resolver modules are listed at once, but an app that compiles
 * new scripts all the time (per-query code generation, `vm`) gets at most
 * one listing a second instead of one per request.
 */
const LISTING_BURST = 5;
const LISTING_REFILL_MS = 1000;

/** Result of a lookup that found the function but not yet its script's URL. */
const URL_NOT_KNOWN_YET = Symbol('url not known yet');

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
  private listingsLeft = LISTING_BURST;
  private lastRefill = Date.now();
  private warmUpScheduled = false;

  /** Returns the definition site of `fn`, or undefined for native and bound functions. */
  locate(fn: unknown): CodeLocation | undefined {
    if (typeof fn !== 'function') return undefined;
    const cached = this.cache.get(fn);
    if (cached !== undefined) return cached ?? undefined;
    const location = this.lookUp(fn as (...args: never[]) => unknown);
    // Not cached, so that a later call finds the URL after the next listing.
    if (location === URL_NOT_KNOWN_YET) return undefined;
    this.cache.set(fn, location ?? null);
    return location;
  }

  /**
   * Lists the loaded scripts soon, off the request path, so that the first
   * operation does not wait for the listing. Called when graphql is loaded;
   * the timer runs after the loading module's own code, when the app's
   * resolver modules are usually loaded too.
   */
  scheduleWarmUp(): void {
    if (this.warmUpScheduled) return;
    this.warmUpScheduled = true;
    setTimeout(() => {
      const session = this.connect();
      if (session === undefined) return;
      try {
        this.listScripts(session);
      } catch (error) {
        reportFailure('script listing', error);
      }
    }, 0).unref();
  }

  private lookUp(
    fn: (...args: never[]) => unknown,
  ): CodeLocation | undefined | typeof URL_NOT_KNOWN_YET {
    const session = this.connect();
    if (session === undefined) return undefined;
    try {
      const remote = this.functionLocation(session, fn);
      if (remote === undefined) return undefined;
      const url = this.scriptUrl(session, remote.scriptId);
      if (url === undefined) return URL_NOT_KNOWN_YET;
      if (url === '') return undefined;
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
   * Returns a script's URL, or undefined while it is not known. An unknown
   * script id starts a new listing when the listing budget allows one.
   */
  private scriptUrl(session: Session, scriptId: string): string | undefined {
    const known = this.scriptUrls.get(scriptId);
    if (known !== undefined) return known;
    if (!this.takeListing()) return undefined;
    this.listScripts(session);
    return this.scriptUrls.get(scriptId);
  }

  private takeListing(): boolean {
    const now = Date.now();
    const earned = Math.floor((now - this.lastRefill) / LISTING_REFILL_MS);
    if (earned > 0) {
      this.listingsLeft = Math.min(LISTING_BURST, this.listingsLeft + earned);
      this.lastRefill += earned * LISTING_REFILL_MS;
    }
    if (this.listingsLeft === 0) return false;
    this.listingsLeft -= 1;
    return true;
  }

  /**
   * Fills the URL map: `Debugger.enable` reports every loaded script through
   * `scriptParsed`, and the debugger is disabled again right away so that it
   * costs nothing while the app runs.
   */
  private listScripts(session: Session): void {
    // NOTE: this blocks the event loop while the debugger lists every
    // loaded script. That took about 35 ms for 720 scripts on Node.js 20.20
    // on an idle machine. The first listing of bench/apps/graphql.cjs under
    // the agent took 280 ms on a busy 2-core machine.
    post(session, 'Debugger.enable', {});
    post(session, 'Debugger.disable', {});
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
