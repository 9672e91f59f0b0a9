import type {
  CallOptions,
  Client,
  Metadata,
  StatusObject,
} from '@grpc/grpc-js';
import type { EventEmitter } from 'node:events';
import type { EchoRequest } from './echo-service';

/** What a client saw of one call, in a form that compares with deepEqual. */
export interface CallOutcome {
  responses: unknown[];
  headers: Record<string, unknown[]>;
  statusCode: number;
  statusDetails: string;
  trailers: Record<string, unknown[]>;
}

type AnyClient = Client & Record<string, (...args: unknown[]) => unknown>;

/** Returns a plain copy of a message, whichever code style produced it. */
export function plain(message: unknown): unknown {
  return JSON.parse(JSON.stringify(message)) as unknown;
}

// The Date header changes from run to run.
function metadataRecord(metadata: Metadata | undefined) {
  const record = metadata === undefined ? {} : plain(metadata.toJSON());
  const copy = { ...(record as Record<string, unknown[]>) };
  delete copy.date;
  return copy;
}

function newOutcome(): CallOutcome {
  return {
    responses: [],
    headers: {},
    statusCode: -1,
    statusDetails: '',
    trailers: {},
  };
}

/**
 * Collects headers, messages and the status of a call object, and resolves
 * once both the status and, for calls with a callback, the callback came.
 */
function observe(
  call: EventEmitter,
  outcome: CallOutcome,
  callbackDone: Promise<void>,
): Promise<CallOutcome> {
  call.on('metadata', (metadata: Metadata) => {
    outcome.headers = metadataRecord(metadata);
  });
  call.on('data', (message: unknown) => outcome.responses.push(plain(message)));
  // A stream's error is also reported by 'status'.
  call.on('error', () => undefined);
  const status = new Promise<void>((resolve) => {
    call.on('status', (received: StatusObject) => {
      outcome.statusCode = received.code;
      outcome.statusDetails = received.details;
      outcome.trailers = metadataRecord(received.metadata);
      resolve();
    });
  });
  return Promise.all([status, callbackDone]).then(() => outcome);
}

/** Makes a unary call. */
export function callUnary(
  client: Client,
  request: EchoRequest,
  metadata: Metadata,
  options: CallOptions = {},
): Promise<CallOutcome> {
  const outcome = newOutcome();
  let done!: () => void;
  const callbackDone = new Promise<void>((resolve) => (done = resolve));
  const call = (client as AnyClient).Unary(
    request,
    metadata,
    options,
    (error: unknown, response: unknown) => {
      if (!error) outcome.responses.push(plain(response));
      done();
    },
  ) as EventEmitter;
  return observe(call, outcome, callbackDone);
}

/** Makes a server-streaming call and reads every message. */
export function callServerStream(
  client: Client,
  request: EchoRequest,
  metadata: Metadata,
  options: CallOptions = {},
): Promise<CallOutcome> {
  const call = (client as AnyClient).ServerStream(
    request,
    metadata,
    options,
  ) as EventEmitter;
  return observe(call, newOutcome(), Promise.resolve());
}

/** Makes a client-streaming call that sends every request, then ends. */
export function callClientStream(
  client: Client,
  requests: EchoRequest[],
  metadata: Metadata,
): Promise<CallOutcome> {
  const outcome = newOutcome();
  let done!: () => void;
  const callbackDone = new Promise<void>((resolve) => (done = resolve));
  const call = (client as AnyClient).ClientStream(
    metadata,
    (error: unknown, response: unknown) => {
      if (!error) outcome.responses.push(plain(response));
      done();
    },
  ) as NodeJS.WritableStream & EventEmitter;
  const observed = observe(call, outcome, callbackDone);
  for (const request of requests) call.write(request as never);
  call.end();
  return observed;
}

/** Makes a bidirectional call that sends every request, then ends. */
export function callBidi(
  client: Client,
  requests: EchoRequest[],
  metadata: Metadata,
): Promise<CallOutcome> {
  const call = (client as AnyClient).Bidi(metadata) as NodeJS.ReadWriteStream &
    EventEmitter;
  const observed = observe(call, newOutcome(), Promise.resolve());
  for (const request of requests) call.write(request as never);
  call.end();
  return observed;
}
