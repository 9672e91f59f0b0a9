import type * as GrpcJs from '@grpc/grpc-js';
import type { EventEmitter } from 'node:events';
import type { CallOutcome } from './echo-calls';
import {
  callBidi,
  callClientStream,
  callServerStream,
  callUnary,
} from './echo-calls';
import type { EchoRequest } from './echo-service';

/** One Echo method and how a test calls it with a list of request texts. */
export interface EchoMethod {
  name: 'Unary' | 'ServerStream' | 'ClientStream' | 'Bidi';
  /** True when the client sends a stream of requests. */
  requestStream: boolean;
  call(
    client: GrpcJs.Client,
    texts: string[],
    metadata: GrpcJs.Metadata,
  ): Promise<CallOutcome>;
}

/**
 * The four call kinds. A method with a single request sends the first text
 * only; the server-streaming method replies to it with two messages.
 */
export const ECHO_METHODS: readonly EchoMethod[] = [
  {
    name: 'Unary',
    requestStream: false,
    call: (client, texts, metadata) =>
      callUnary(client, { text: texts[0], count: 2 }, metadata),
  },
  {
    name: 'ServerStream',
    requestStream: false,
    call: (client, texts, metadata) =>
      callServerStream(client, { text: texts[0], count: 2 }, metadata),
  },
  {
    name: 'ClientStream',
    requestStream: true,
    call: (client, texts, metadata) =>
      callClientStream(client, requests(texts), metadata),
  },
  {
    name: 'Bidi',
    requestStream: true,
    call: (client, texts, metadata) =>
      callBidi(client, requests(texts), metadata),
  },
];

function requests(texts: string[]): EchoRequest[] {
  return texts.map((text) => ({ text, count: 1 }));
}

/** A client call that a test may cancel, and its final status code. */
export interface OpenCall {
  cancel(): void;
  status: Promise<number>;
}

type AnyClient = Record<string, (...args: unknown[]) => unknown>;

/**
 * Starts a call of `method` that sends one request (streams stay open for
 * writing) and resolves `status` when the client gets the final status.
 */
export function openCall(
  client: GrpcJs.Client,
  method: EchoMethod['name'],
  metadata: GrpcJs.Metadata,
): OpenCall {
  const methods = client as unknown as AnyClient;
  const request: EchoRequest = { text: 'held', count: 1 };
  const ignore = () => undefined;
  let call: EventEmitter & { cancel(): void };
  if (method === 'Unary') {
    call = methods.Unary(request, metadata, ignore) as typeof call;
  } else if (method === 'ServerStream') {
    call = methods.ServerStream(request, metadata) as typeof call;
  } else if (method === 'ClientStream') {
    call = methods.ClientStream(metadata, ignore) as typeof call;
  } else {
    call = methods.Bidi(metadata) as typeof call;
  }
  if (method === 'ClientStream' || method === 'Bidi') {
    (call as unknown as NodeJS.WritableStream).write(request as never);
  }
  call.on('error', ignore);
  call.on('data', ignore);
  const status = new Promise<number>((resolve) =>
    call.on('status', (received: GrpcJs.StatusObject) =>
      resolve(received.code),
    ),
  );
  return { cancel: () => call.cancel(), status };
}
