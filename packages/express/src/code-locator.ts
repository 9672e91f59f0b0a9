import { fileURLToPath } from 'node:url';
import type { InspectorSession, SessionFactory } from './inspector-session';
import { callInspector, connectInspector } from './inspector-session';
import type { AppFunction } from './request-state';
import { guarded, logger } from './safe';
import { ScriptUrls } from './script-urls';

/** Source position of a function; line and column count from 1. */
export interface CodeLocation {
  functionName: string | undefined;
  /** Absolute file path, or the script URL when it is not a file. */
  filePath: string | undefined;
  lineNumber: number;
  columnNumber: number;
}

/** A function's position as V8 reports it; line and column count from 0. */
interface RawLocation {
  scriptId: string;
  lineNumber: number;
  columnNumber: number;
}

interface InternalProperty {
  name: string;
  value?: { value?: unknown; objectId?: string };
}

/**
 * Global property that contains the function being looked up, during one
 * synchronous lookup only: `Runtime.evaluate` can reach globals but not the
 * caller's variables.
 */
const LOOKUP_SLOT = '__tracegateCodeLocationTarget';
const OBJECT_GROUP = 'tracegate-code-location';
/** Bound functions wrap their target; this caps how far they are unwrapped. */
const MAX_BOUND_DEPTH = 4;

/**
 * Finds where functions are defined through an in-process inspector
 * session (`[[FunctionLocation]]` of `Runtime.getProperties`), once per
 * function: results, including failures, are cached in a WeakMap. When the
 * inspector cannot be used, every lookup returns undefined.
 */
export class CodeLocator {
  private readonly cache = new WeakMap<AppFunction, CachedLocation>();
  private session: InspectorSession | null | undefined;
  private scripts: ScriptUrls | undefined;
  private warmUpScheduled = false;

  constructor(private readonly connect: SessionFactory = connectInspector) {}

  /** Returns the location of a function, or undefined when it has none. */
  locate(fn: AppFunction): CodeLocation | undefined {
    let cached = this.cache.get(fn);
    if (cached === undefined) {
      cached = guarded('code location lookup', NO_LOCATION, () =>
        this.lookUp(fn),
      );
      this.cache.set(fn, cached);
    }
    if (cached.raw === undefined) return undefined;
    if (cached.filePath === undefined) {
      cached.filePath = guarded('script url lookup', undefined, () =>
        this.filePathOf(cached.raw!.scriptId),
      );
    }
    return {
      functionName: cached.functionName,
      filePath: cached.filePath === '' ? undefined : cached.filePath,
      lineNumber: cached.raw.lineNumber + 1,
      columnNumber: cached.raw.columnNumber + 1,
    };
  }

  /**
   * Loads the script map soon, off the request path, so that the first
   * request does not pay for it. Called when an app registers middleware.
   */
  scheduleWarmUp(): void {
    if (this.warmUpScheduled) return;
    this.warmUpScheduled = true;
    setTimeout(() => {
      guarded('code location warm-up', undefined, () => {
        const session = this.openSession();
        if (session !== undefined) this.scriptUrls(session).refresh();
      });
    }, 0).unref();
  }

  private lookUp(fn: AppFunction): CachedLocation {
    const session = this.openSession();
    if (session === undefined) return NO_LOCATION;
    const raw = rawLocation(session, fn);
    return { raw, functionName: functionName(fn), filePath: undefined };
  }

  /** Returns the file path of a script, `''` when it has none, undefined when not known yet. */
  private filePathOf(scriptId: string): string | undefined {
    const session = this.openSession();
    if (session === undefined) return '';
    const url = this.scriptUrls(session).urlOf(scriptId);
    if (url === undefined || url === '') return url;
    return url.startsWith('file://') ? fileURLToPath(url) : url;
  }

  private scriptUrls(session: InspectorSession): ScriptUrls {
    this.scripts ??= new ScriptUrls(session);
    return this.scripts;
  }

  private openSession(): InspectorSession | undefined {
    if (this.session === undefined) {
      try {
        this.session = this.connect();
      } catch (error) {
        this.session = null;
        const detail = error instanceof Error ? error.message : String(error);
        logger.warn(
          `code.* attributes are off: the inspector session could not be opened (${detail})`,
        );
      }
    }
    return this.session ?? undefined;
  }
}

interface CachedLocation {
  raw: RawLocation | undefined;
  functionName: string | undefined;
  /** Filled on first use; may stay undefined until the script map contains the script. */
  filePath: string | undefined;
}

const NO_LOCATION: CachedLocation = {
  raw: undefined,
  functionName: undefined,
  filePath: undefined,
};

function rawLocation(
  session: InspectorSession,
  fn: AppFunction,
): RawLocation | undefined {
  const global = globalThis as Record<string, unknown>;
  global[LOOKUP_SLOT] = fn;
  try {
    const evaluated = callInspector(session, 'Runtime.evaluate', {
      expression: `globalThis.${LOOKUP_SLOT}`,
      objectGroup: OBJECT_GROUP,
      silent: true,
      throwOnSideEffect: true,
    }) as { result?: { objectId?: string } };
    let objectId = evaluated.result?.objectId;
    for (let depth = 0; depth < MAX_BOUND_DEPTH && objectId; depth++) {
      const internals = internalProperties(session, objectId);
      const location = findInternal(internals, '[[FunctionLocation]]');
      if (isRawLocation(location?.value?.value)) return location.value.value;
      objectId = findInternal(internals, '[[TargetFunction]]')?.value?.objectId;
    }
    return undefined;
  } finally {
    delete global[LOOKUP_SLOT];
    callInspector(session, 'Runtime.releaseObjectGroup', {
      objectGroup: OBJECT_GROUP,
    });
  }
}

function internalProperties(
  session: InspectorSession,
  objectId: string,
): InternalProperty[] {
  const result = callInspector(session, 'Runtime.getProperties', {
    objectId,
    ownProperties: true,
  }) as { internalProperties?: InternalProperty[] };
  return result.internalProperties ?? [];
}

function findInternal(
  properties: InternalProperty[],
  name: string,
): InternalProperty | undefined {
  return properties.find((property) => property.name === name);
}

function isRawLocation(value: unknown): value is RawLocation {
  const candidate = value as Partial<RawLocation> | undefined;
  return (
    typeof candidate?.scriptId === 'string' &&
    typeof candidate.lineNumber === 'number' &&
    typeof candidate.columnNumber === 'number'
  );
}

/** Returns a function's name, without the `bound ` prefixes of bound functions. */
function functionName(fn: AppFunction): string | undefined {
  const name: unknown = fn.name;
  if (typeof name !== 'string') return undefined;
  const unbound = name.replace(/^(bound )+/, '');
  return unbound === '' ? undefined : unbound;
}
