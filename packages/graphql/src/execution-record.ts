import type { Span } from '@opentelemetry/api';
import { createContextKey } from '@opentelemetry/api';
import type { GraphQLResolveInfo } from 'graphql';
import type { DocumentNode } from './internal-types';

/** One settled resolver call. */
export interface FieldTiming {
  /** Response path, such as `user.orders.0.total`. */
  path: string;
  /** Parent type and field name, such as `Query.user`. */
  coordinate: string;
  durationMs: number;
  /** The function that resolved the field, for its code location. */
  resolver: unknown;
}

/** Context key under which the record of the running operation is stored. */
export const RECORD_KEY = createContextKey('tracegate.graphql.execution');

/** Failed resolvers remembered per operation to attach their location to errors. */
const MAX_FAILURES = 100;

/**
 * Capture state of one running operation: its inputs, the slowest resolver
 * calls so far and the resolvers that threw. Memory is bounded by
 * `slowFields` timings and 100 failures, however many fields run.
 */
export class ExecutionRecord {
  readonly slowest: FieldTiming[] = [];
  private readonly failures = new Map<string, unknown>();

  constructor(
    readonly document: DocumentNode | undefined,
    readonly operationName: string | null | undefined,
    readonly variableValues: unknown,
    readonly httpSpan: Span | undefined,
    private readonly slowLimit: number,
  ) {}

  /** Records a resolver call that settled after `durationMs`. */
  fieldSettled(
    field: { path: string; coordinate: string },
    resolver: unknown,
    durationMs: number,
    failed: boolean,
  ): void {
    const path = field.path;
    if (failed && this.failures.size < MAX_FAILURES) {
      this.failures.set(path, resolver);
    }
    if (this.slowLimit === 0) return;
    const slowest = this.slowest;
    if (
      slowest.length === this.slowLimit &&
      durationMs <= slowest[slowest.length - 1].durationMs
    ) {
      return;
    }
    const timing = {
      path,
      coordinate: field.coordinate,
      durationMs,
      resolver,
    };
    let index = slowest.findIndex((entry) => entry.durationMs < durationMs);
    if (index === -1) index = slowest.length;
    slowest.splice(index, 0, timing);
    if (slowest.length > this.slowLimit) slowest.pop();
  }

  /** Returns the resolver that threw at a response path, if one did. */
  failedResolver(path: readonly (string | number)[] | undefined): unknown {
    return path === undefined ? undefined : this.failures.get(path.join('.'));
  }
}

/** Returns the response path (`a.0.b`) and coordinate (`Query.a`) of a resolve info. */
export function fieldOf(info: GraphQLResolveInfo): {
  path: string;
  coordinate: string;
} {
  return {
    path: pathText(info.path),
    coordinate: `${info.parentType.name}.${info.fieldName}`,
  };
}

/** Joins graphql's linked response path into `a.0.b`. */
function pathText(path: GraphQLResolveInfo['path'] | undefined): string {
  const keys: Array<string | number> = [];
  for (let node = path; node !== undefined; node = node.prev) {
    keys.push(node.key);
  }
  return keys.reverse().join('.');
}
