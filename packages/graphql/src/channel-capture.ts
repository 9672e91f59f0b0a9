import type { Span, Tracer } from '@opentelemetry/api';
import { context, SpanStatusCode } from '@opentelemetry/api';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { TracingChannel } from 'node:diagnostics_channel';
import { tracingChannel } from 'node:diagnostics_channel';
import { ATTR_OPERATION_NAME, ATTR_OPERATION_TYPE } from './attributes';
import type { CodeLocator } from './code-location';
import { ExecutionRecord } from './execution-record';
import type { DocumentNode, GraphQLSchema } from './internal-types';
import { captureOperation } from './operation-capture';
import {
  hasOperation,
  recordParseFailure,
  recordValidation,
  SPAN_NAMES,
} from './parse-validate';
import { guarded } from './safe';
import { countOperation, currentHttpSpan } from './server-span';
import type { CaptureSettings } from './settings';

/** Context object that graphql publishes on `graphql:execute`. */
interface ExecuteMessage {
  schema?: GraphQLSchema;
  document?: DocumentNode;
  rawVariableValues?: unknown;
  operationName?: string;
  operationType?: string;
  result?: unknown;
  error?: unknown;
}

/** Context object that graphql publishes on `graphql:resolve`. */
interface ResolveMessage {
  fieldName?: string;
  parentType?: string;
  fieldPath?: string;
  isDefaultResolver?: boolean;
  result?: unknown;
  error?: unknown;
}

/** Context object of `graphql:parse` and `graphql:validate`. */
interface DocumentMessage {
  document?: DocumentNode;
  result?: unknown;
  error?: unknown;
}

interface OperationState {
  span: Span;
  record: ExecutionRecord;
  schema: GraphQLSchema | undefined;
  finished: boolean;
}

type Handlers<T> = Partial<{
  start(message: T): void;
  end(message: T): void;
  asyncStart(message: T): void;
  asyncEnd(message: T): void;
  error(message: T): void;
}>;

/** Instrumentation state that channel capture reads at event time. */
export interface ChannelDependencies {
  tracer(): Tracer;
  settings(): CaptureSettings;
  locator: CodeLocator;
}

/**
 * Capture for graphql 17, which publishes its work on diagnostics channels
 * (`graphql:parse`, `graphql:validate`, `graphql:execute`, `graphql:resolve`)
 * and, on Node.js 20.19 and later, loads as an ES module even through
 * `require`, so its exports cannot be patched. Spans and attributes match the
 * graphql 16 path, except that no span per resolver is created.
 */
export class ChannelCapture {
  private readonly operations = new AsyncLocalStorage<OperationState>();
  private readonly states = new WeakMap<object, OperationState>();
  private readonly documentSpans = new WeakMap<object, Span>();
  private readonly fieldStarts = new WeakMap<object, number>();
  private readonly subscriptions: Array<() => void> = [];

  constructor(private readonly dependencies: ChannelDependencies) {}

  /** Subscribes to graphql's channels; a second call does nothing. */
  subscribe(): void {
    if (this.subscriptions.length > 0) return;
    const execute = tracingChannel<unknown, ExecuteMessage>('graphql:execute');
    // The store holds the operation while graphql runs it, so resolve
    // events, which carry no reference to their operation, can find it.
    execute.start.bindStore(this.operations, (message) =>
      guarded('graphql:execute start', undefined, () =>
        this.startOperation(message),
      ),
    );
    this.subscriptions.push(() => execute.start.unbindStore(this.operations));
    this.listen(execute, {
      end: (message) => {
        if ('result' in message || 'error' in message) {
          this.finishOperation(message);
        }
      },
      asyncEnd: (message) => this.finishOperation(message),
    });
    this.listen(tracingChannel<unknown, ResolveMessage>('graphql:resolve'), {
      start: (message) => this.fieldStarts.set(message, performance.now()),
      end: (message) => {
        if ('result' in message || 'error' in message) {
          this.settleField(message);
        }
      },
      asyncEnd: (message) => this.settleField(message),
    });
    this.listenDocument('graphql:parse', SPAN_NAMES.parse, (span, message) => {
      if ('error' in message) recordParseFailure(span, message.error);
      else if (!hasOperation(message.result)) {
        span.updateName(SPAN_NAMES.parseSchema);
      }
    });
    this.listenDocument(
      'graphql:validate',
      SPAN_NAMES.validate,
      (span, message) =>
        recordValidation(
          span,
          message.document,
          message.result,
          this.dependencies.settings(),
        ),
    );
  }

  /** Removes every subscription. */
  unsubscribe(): void {
    for (const remove of this.subscriptions.splice(0)) remove();
  }

  private listen<T extends object>(
    channel: TracingChannel<unknown, T>,
    handlers: Handlers<T>,
  ): void {
    const safe: Handlers<T> = {};
    for (const [event, handler] of Object.entries(handlers) as Array<
      [keyof Handlers<T>, (message: T) => void]
    >) {
      safe[event] = (message: T) =>
        guarded(`${event} handler`, undefined, () => handler(message));
    }
    channel.subscribe(safe as never);
    this.subscriptions.push(() => channel.unsubscribe(safe as never));
  }

  private listenDocument(
    name: string,
    spanName: string,
    finish: (span: Span, message: DocumentMessage) => void,
  ): void {
    this.listen(tracingChannel<unknown, DocumentMessage>(name), {
      start: (message) => {
        this.documentSpans.set(
          message,
          this.dependencies.tracer().startSpan(spanName),
        );
      },
      end: (message) => {
        const span = this.documentSpans.get(message);
        if (span === undefined) return;
        this.documentSpans.delete(message);
        guarded(`${name} span`, undefined, () => finish(span, message));
        span.end();
      },
    });
  }

  private startOperation(message: ExecuteMessage): OperationState {
    const settings = this.dependencies.settings();
    const operationType = message.operationType;
    const operationName = message.operationName;
    const spanName =
      operationType === undefined
        ? SPAN_NAMES.execute
        : [operationType, operationName].filter(Boolean).join(' ');
    // NOTE: channel handlers cannot make this span the active one, so spans
    // that resolvers start are children of the HTTP server span instead.
    const span = this.dependencies
      .tracer()
      .startSpan(spanName, {}, context.active());
    if (operationType !== undefined) {
      span.setAttribute(ATTR_OPERATION_TYPE, operationType);
    }
    if (operationName !== undefined) {
      span.setAttribute(ATTR_OPERATION_NAME, operationName);
    }
    const httpSpan = currentHttpSpan();
    countOperation(httpSpan);
    const state: OperationState = {
      span,
      record: new ExecutionRecord(
        message.document,
        operationName,
        message.rawVariableValues,
        httpSpan,
        settings.slowFields,
      ),
      schema: message.schema,
      finished: false,
    };
    this.states.set(message, state);
    return state;
  }

  private finishOperation(message: ExecuteMessage): void {
    const state = this.states.get(message);
    if (state === undefined || state.finished) return;
    state.finished = true;
    this.states.delete(message);
    const { span } = state;
    guarded('operation capture', undefined, () =>
      captureOperation(
        span,
        state.record,
        message.result,
        this.dependencies.settings(),
        this.dependencies.locator,
      ),
    );
    if (message.error !== undefined) {
      guarded('operation error', undefined, () => {
        const error = message.error;
        const text = this.dependencies
          .settings()
          .redactor.text(error instanceof Error ? error.message : typeof error);
        span.addEvent('exception', {
          'exception.type': error instanceof Error ? error.name : 'Error',
          'exception.message': text,
        });
        span.setStatus({ code: SpanStatusCode.ERROR, message: text });
      });
    }
    span.end();
  }

  private settleField(message: ResolveMessage): void {
    const start = this.fieldStarts.get(message);
    const state = this.operations.getStore();
    if (start === undefined || state === undefined) return;
    this.fieldStarts.delete(message);
    const resolver = message.isDefaultResolver
      ? undefined
      : fieldResolver(state.schema, message.parentType, message.fieldName);
    if (resolver === undefined) return;
    state.record.fieldSettled(
      {
        path: String(message.fieldPath),
        coordinate: `${message.parentType}.${message.fieldName}`,
      },
      resolver,
      performance.now() - start,
      message.error !== undefined,
    );
  }
}

/** Returns the `resolve` function of a schema field, if it has one. */
function fieldResolver(
  schema: GraphQLSchema | undefined,
  typeName: string | undefined,
  fieldName: string | undefined,
): unknown {
  if (schema === undefined || typeName === undefined) return undefined;
  const type = schema.getType(typeName) as
    { getFields?: () => Record<string, { resolve?: unknown }> } | undefined;
  if (typeof type?.getFields !== 'function' || fieldName === undefined) {
    return undefined;
  }
  return type.getFields()[fieldName]?.resolve;
}
