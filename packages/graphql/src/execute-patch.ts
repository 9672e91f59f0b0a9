import type { Context } from '@opentelemetry/api';
import { context } from '@opentelemetry/api';
import { ExecutionRecord, RECORD_KEY } from './execution-record';
import type { ExecutionArgs, Resolver } from './internal-types';
import { trackSchemaResolvers, trackedResolver } from './resolver-tracking';
import { guarded } from './safe';
import { countOperation, currentHttpSpan } from './server-span';
import type { CaptureSettings } from './settings';

type Execute = (this: unknown, ...args: unknown[]) => unknown;

/** Instrumentation state that the execute wrapper reads at call time. */
export interface ExecuteDependencies {
  settings(): CaptureSettings;
  /** True when resolver timing must leave graphql's default resolver alone. */
  keepDefaultResolver(): boolean;
}

const ORIGINAL = Symbol('tracegate.graphql.original');

type WrappedExecute = Execute & { [ORIGINAL]?: Execute };

/**
 * Wraps `execute` (already wrapped by instrumentation-graphql, which creates
 * the span) so that each operation runs with an {@link ExecutionRecord} in
 * its context, and field resolvers are timed. Calls that do not pass one
 * arguments object run unchanged.
 */
export function wrapExecute(
  original: Execute,
  trackedDefault: Resolver | undefined,
  dependencies: ExecuteDependencies,
): Execute {
  const wrapped: WrappedExecute = function (this: unknown, ...callArgs) {
    const prepared = guarded('execute start', undefined, () =>
      prepare(callArgs, trackedDefault, dependencies),
    );
    if (prepared === undefined) return original.apply(this, callArgs);
    return context.with(prepared.context, () =>
      original.apply(this, [prepared.args]),
    );
  };
  wrapped[ORIGINAL] = original;
  return wrapped;
}

/** Returns the function that {@link wrapExecute} wrapped, or the argument itself. */
export function unwrapExecute(execute: unknown): unknown {
  return (execute as WrappedExecute | undefined)?.[ORIGINAL] ?? execute;
}

function prepare(
  callArgs: unknown[],
  trackedDefault: Resolver | undefined,
  dependencies: ExecuteDependencies,
): { args: ExecutionArgs; context: Context } | undefined {
  const args = callArgs[0] as ExecutionArgs | undefined;
  if (callArgs.length !== 1 || typeof args !== 'object' || args === null) {
    return undefined;
  }
  const settings = dependencies.settings();
  const httpSpan = currentHttpSpan();
  countOperation(httpSpan);
  const record = new ExecutionRecord(
    args.document,
    args.operationName,
    args.variableValues,
    httpSpan,
    settings.slowFields,
  );
  let nextArgs = args;
  if (settings.slowFields > 0 || settings.codeLocations) {
    if (args.schema) trackSchemaResolvers(args.schema);
    const fieldResolver =
      typeof args.fieldResolver === 'function'
        ? trackedResolver(args.fieldResolver as Resolver)
        : dependencies.keepDefaultResolver()
          ? undefined
          : trackedDefault;
    if (fieldResolver !== undefined) nextArgs = { ...args, fieldResolver };
  }
  return {
    args: nextArgs,
    context: context.active().setValue(RECORD_KEY, record),
  };
}
