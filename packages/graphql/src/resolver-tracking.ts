import { context } from '@opentelemetry/api';
import type { GraphQLResolveInfo } from 'graphql';
import type { ExecutionRecord } from './execution-record';
import { fieldOf, RECORD_KEY } from './execution-record';
import type { GraphQLSchema, Resolver } from './internal-types';
import { guarded } from './safe';

const TRACKED = Symbol('tracegate.graphql.tracked');
/** Marker that instrumentation-graphql sets on its own resolver wrappers. */
const OTEL_PATCHED = Symbol.for('opentelemetry.patched');

type TrackedResolver = Resolver & { [TRACKED]?: Resolver };

/**
 * The innermost tracked call of one field, per resolve info. Servers and
 * instrumentations wrap resolvers in layers, and Apollo Server wraps every
 * field. When a tracked wrapper runs inside another for the same field, the
 * inner one owns the timing, because it is closest to the app's function.
 */
interface Claim {
  superseded: boolean;
}
const claims = new WeakMap<object, Claim>();

const instrumentedSchemas = new WeakSet<GraphQLSchema>();

/**
 * False while the instrumentation is disabled. instrumentation-graphql
 * 0.71.0 leaves its resolver wrappers in the schema when disabled, and they
 * then throw for operations run without a context value. The accessors hide
 * those wrappers while this is false.
 */
let upstreamWrappersActive = true;

/** Shows or hides instrumentation-graphql's resolver wrappers behind the accessors. */
export function setUpstreamWrappersActive(active: boolean): void {
  upstreamWrappersActive = active;
}

/** Wrappers by the function they wrap, so each function is wrapped once. */
const wrappers = new WeakMap<Resolver, Resolver>();

/** Wraps a field resolver so each call is timed and a throw is remembered with the function. */
export function trackedResolver(resolve: Resolver): Resolver {
  if (isTracked(resolve)) return resolve;
  const existing = wrappers.get(resolve);
  if (existing !== undefined) return existing;
  const tracked: TrackedResolver = function (
    this: unknown,
    source,
    args,
    contextValue,
    info,
  ) {
    const record = activeRecord();
    if (record === undefined) {
      return resolve.call(this, source, args, contextValue, info);
    }
    return runClaimed(record, info, resolve, () =>
      resolve.call(this, source, args, contextValue, info),
    );
  };
  wrappers.set(resolve, tracked);
  return markTracked(tracked, resolve);
}

/**
 * Wraps graphql's default field resolver. A field whose source property is
 * a function, such as a root value method, is timed with that function as
 * its resolver. A plain property read is not timed, and an outer wrapper
 * (such as Apollo Server's) does not time it either.
 */
export function trackedDefaultResolver(defaultResolver: Resolver): Resolver {
  if (isTracked(defaultResolver)) return defaultResolver;
  const tracked: TrackedResolver = function (
    this: unknown,
    source,
    args,
    contextValue,
    info,
  ) {
    const record = activeRecord();
    if (record === undefined) {
      return defaultResolver.call(this, source, args, contextValue, info);
    }
    return runClaimed(record, info, sourceMethod(source, info), () =>
      defaultResolver.call(this, source, args, contextValue, info),
    );
  };
  return markTracked(tracked, defaultResolver);
}

/** Returns the function a tracked wrapper calls, or the argument itself. */
export function untracked(resolve: unknown): unknown {
  return (resolve as TrackedResolver | undefined)?.[TRACKED] ?? resolve;
}

/**
 * Makes the `resolve` property of each field an accessor that keeps a
 * tracked wrapper of whatever function is assigned, so code that wraps or
 * replaces resolvers after the schema is built (Apollo Server, schema tools)
 * still wraps the tracked function. Wrappers of instrumentation-graphql are
 * stored as they are, because they already call the tracked function.
 */
export function installResolveAccessors(fields: unknown): void {
  if (typeof fields !== 'object' || fields === null) return;
  for (const field of Object.values(fields as Record<string, unknown>)) {
    if (typeof field !== 'object' || field === null) continue;
    const descriptor = Object.getOwnPropertyDescriptor(field, 'resolve');
    if (
      descriptor === undefined ||
      !('value' in descriptor) ||
      descriptor.writable !== true ||
      descriptor.configurable !== true
    ) {
      continue;
    }
    let stored = trackIfFunction(descriptor.value);
    // What `stored` was before instrumentation-graphql wrapped it.
    let beneath: unknown;
    Object.defineProperty(field, 'resolve', {
      configurable: true,
      enumerable: descriptor.enumerable,
      get: () =>
        upstreamWrappersActive || beneath === undefined ? stored : beneath,
      set: (value: unknown) => {
        beneath = isUpstreamWrapper(value) ? stored : undefined;
        stored = trackIfFunction(value);
      },
    });
  }
}

/**
 * Wraps the resolvers of the schema's object types once, for schemas whose
 * fields were built before the instrumentation was enabled.
 */
export function trackSchemaResolvers(schema: GraphQLSchema): void {
  if (instrumentedSchemas.has(schema)) return;
  instrumentedSchemas.add(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    // Only object types run field resolvers; `isTypeOf` exists on them alone.
    if (type.name.startsWith('__') || !('isTypeOf' in type)) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = (field as { resolve?: unknown }).resolve;
      if (typeof resolve !== 'function' || isTracked(resolve as Resolver)) {
        continue;
      }
      (field as { resolve?: unknown }).resolve = trackIfFunction(resolve);
    }
  }
}

function trackIfFunction(value: unknown): unknown {
  if (typeof value !== 'function' || isUpstreamWrapper(value)) return value;
  return trackedResolver(value as Resolver);
}

function isUpstreamWrapper(value: unknown): boolean {
  return (
    typeof value === 'function' &&
    (value as { [OTEL_PATCHED]?: boolean })[OTEL_PATCHED] === true
  );
}

/**
 * Links a wrapper to the function it calls and gives it that function's
 * name, because schema tools recognize graphql's default resolver by its
 * name (`defaultFieldResolver`).
 */
function markTracked(tracked: TrackedResolver, inner: Resolver): Resolver {
  tracked[TRACKED] = inner;
  Object.defineProperty(tracked, 'name', { value: inner.name });
  return tracked;
}

function isTracked(resolve: Resolver): boolean {
  return (resolve as TrackedResolver)[TRACKED] !== undefined;
}

function activeRecord(): ExecutionRecord | undefined {
  return context.active().getValue(RECORD_KEY) as ExecutionRecord | undefined;
}

function sourceMethod(source: unknown, info: GraphQLResolveInfo): unknown {
  if (
    (typeof source !== 'object' || source === null) &&
    typeof source !== 'function'
  ) {
    return undefined;
  }
  const property = (source as Record<string, unknown>)[info.fieldName];
  return typeof property === 'function' ? property : undefined;
}

/**
 * Runs one resolver call as the owner of its field's timing, taking it over
 * from any outer tracked wrapper of the same field. `resolver` undefined
 * means the call is not timed.
 */
function runClaimed(
  record: ExecutionRecord,
  info: GraphQLResolveInfo,
  resolver: unknown,
  call: () => unknown,
): unknown {
  if (typeof info !== 'object' || info === null) return call();
  const outer = claims.get(info);
  if (outer !== undefined) outer.superseded = true;
  const claim: Claim = { superseded: resolver === undefined };
  claims.set(info, claim);
  try {
    return timeCall(record, info, resolver, claim, call);
  } finally {
    if (outer === undefined) claims.delete(info);
    else claims.set(info, outer);
  }
}

/**
 * Calls a resolver and records when its value, or the promise it returned,
 * settled. The resolver's own return value and exception pass through
 * unchanged; the promise is observed through a separate `then`, so its
 * rejection still reaches graphql.
 */
function timeCall(
  record: ExecutionRecord,
  info: GraphQLResolveInfo,
  resolver: unknown,
  claim: Claim,
  call: () => unknown,
): unknown {
  const start = performance.now();
  const settle = (failed: boolean) => {
    if (claim.superseded) return;
    guarded('resolver timing', undefined, () =>
      record.fieldSettled(
        fieldOf(info),
        resolver,
        performance.now() - start,
        failed,
      ),
    );
  };
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    settle(true);
    throw error;
  }
  if (isPromiseLike(result)) {
    guarded('resolver promise', undefined, () => {
      result.then(
        () => settle(false),
        () => settle(true),
      );
    });
  } else {
    settle(result instanceof Error);
  }
  return result;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof (value as PromiseLike<unknown> | null | undefined)?.then ===
    'function'
  );
}
