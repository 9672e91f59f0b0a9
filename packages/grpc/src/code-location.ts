import type { Attributes } from '@opentelemetry/api';
import type * as Inspector from 'node:inspector';
import { fileURLToPath } from 'node:url';
import {
  ATTR_CODE_COLUMN,
  ATTR_CODE_FILE,
  ATTR_CODE_FUNCTION,
  ATTR_CODE_LINE,
} from './attributes';
import { reportFailure } from './safe';

/** Source position of a function's definition. */
export interface CodeLocation {
  functionName: string | undefined;
  filePath: string | undefined;
  /** From 1. */
  line: number;
  /** From 1. */
  column: number;
}

interface ScriptPosition {
  scriptId: string;
  lineNumber: number;
  columnNumber: number;
}

interface RemoteProperty {
  name: string;
  value?: { objectId?: string; value?: unknown };
}

// A handler is looked up once; null records a failed lookup.
const locations = new WeakMap<object, CodeLocation | null>();
// Script URLs by V8 script id, from the last Debugger.enable. Script ids
// are never reused within a process, so entries stay valid.
const scriptUrls = new Map<string, string>();
let probeCount = 0;

/**
 * Returns the code location attributes of a function: `code.function.name`,
 * `code.file.path`, `code.line.number` and `code.column.number`. The
 * location comes from V8's `[[FunctionLocation]]`, read once per function
 * through an in-process inspector session and cached, so no stack trace is
 * built and later calls cost one WeakMap lookup. Returns no attributes when
 * the inspector is not available.
 */
export function codeLocationAttributes(fn: object): Attributes {
  let location = locations.get(fn);
  if (location === undefined) {
    location = lookUpLocation(fn);
    locations.set(fn, location);
  }
  if (location === null) return {};
  const attributes: Attributes = {
    [ATTR_CODE_LINE]: location.line,
    [ATTR_CODE_COLUMN]: location.column,
  };
  if (location.functionName !== undefined) {
    attributes[ATTR_CODE_FUNCTION] = location.functionName;
  }
  if (location.filePath !== undefined) {
    attributes[ATTR_CODE_FILE] = location.filePath;
  }
  return attributes;
}

function lookUpLocation(fn: object): CodeLocation | null {
  let session: Inspector.Session | undefined;
  try {
    // Loaded on first use: Node built without the inspector throws here.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const inspector = require('node:inspector') as typeof Inspector;
    session = new inspector.Session();
    session.connect();
    const position = functionPosition(session, fn);
    if (position === undefined) return null;
    return {
      functionName: functionName(fn),
      filePath: filePath(session, position.scriptId),
      line: position.lineNumber + 1,
      column: position.columnNumber + 1,
    };
  } catch (error) {
    reportFailure('code location', error);
    return null;
  } finally {
    session?.disconnect();
  }
}

/**
 * Posts one inspector command and returns its result. The in-process
 * session calls back synchronously, inside `post`, so a missing response
 * is an error rather than something to wait for.
 */
function postSync<T>(
  session: Inspector.Session,
  method: string,
  params?: object,
): T {
  const answer: { received: boolean; error: Error | null; value?: object } = {
    received: false,
    error: null,
  };
  session.post(method, params, (error: Error | null, value?: object) => {
    answer.received = true;
    answer.error = error;
    answer.value = value;
  });
  if (!answer.received)
    throw new Error(`inspector sent no response to ${method}`);
  if (answer.error !== null) throw answer.error;
  return answer.value as T;
}

function functionPosition(
  session: Inspector.Session,
  fn: object,
): ScriptPosition | undefined {
  // The protocol reaches JavaScript values only through expressions, so the
  // function is published under a unique global name for one evaluation.
  const name = `__tracegateCodeLocation${++probeCount}`;
  const group = name;
  const scope = globalThis as Record<string, unknown>;
  scope[name] = fn;
  try {
    const evaluated = postSync<{ result: { objectId?: string } }>(
      session,
      'Runtime.evaluate',
      { expression: `globalThis.${name}`, objectGroup: group },
    );
    return positionOf(session, evaluated.result.objectId);
  } finally {
    delete scope[name];
    postSync(session, 'Runtime.releaseObjectGroup', { objectGroup: group });
  }
}

// Bound functions have no location of their own: follow [[TargetFunction]]
// a few levels.
function positionOf(
  session: Inspector.Session,
  objectId: string | undefined,
): ScriptPosition | undefined {
  let current = objectId;
  for (let depth = 0; depth < 4 && current !== undefined; depth++) {
    const properties = postSync<{ internalProperties?: RemoteProperty[] }>(
      session,
      'Runtime.getProperties',
      { objectId: current, ownProperties: true },
    ).internalProperties;
    const location = properties?.find(
      (property) => property.name === '[[FunctionLocation]]',
    );
    if (location?.value?.value !== undefined) {
      return location.value.value as ScriptPosition;
    }
    current = properties?.find(
      (property) => property.name === '[[TargetFunction]]',
    )?.value?.objectId;
  }
  return undefined;
}

function filePath(
  session: Inspector.Session,
  scriptId: string,
): string | undefined {
  if (!scriptUrls.has(scriptId)) loadScriptUrls(session);
  const url = scriptUrls.get(scriptId);
  if (url === undefined || url === '') return undefined;
  return url.startsWith('file:') ? fileURLToPath(url) : url;
}

/**
 * Collects the URL of every loaded script. Enabling the debugger domain
 * reports each script as a `Debugger.scriptParsed` event, delivered inside
 * the `post` call. The domain is disabled right after, before any
 * application code can run, so a `debugger` statement never pauses the app.
 */
function loadScriptUrls(session: Inspector.Session): void {
  const onScript = (message: { params: { scriptId: string; url: string } }) => {
    scriptUrls.set(message.params.scriptId, message.params.url);
  };
  session.on('Debugger.scriptParsed', onScript);
  try {
    postSync(session, 'Debugger.enable');
  } finally {
    postSync(session, 'Debugger.disable');
    session.off('Debugger.scriptParsed', onScript);
  }
}

function functionName(fn: object): string | undefined {
  const name = (fn as { name?: unknown }).name;
  if (typeof name !== 'string' || name === '') return undefined;
  // A bound function is named "bound f": report the function itself.
  return name.replace(/^(bound )+/, '');
}
