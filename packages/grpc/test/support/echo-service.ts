import type * as GrpcJs from '@grpc/grpc-js';
import type {
  Metadata,
  sendUnaryData,
  Server,
  ServerDuplexStream,
  ServerReadableStream,
  ServerUnaryCall,
  ServerWritableStream,
  ServiceClientConstructor,
  ServiceDefinition,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { tracegate } from '../fixtures/echo-static';
import { fixturePath, loadProtoLoader } from './grpc';

type Grpc = typeof GrpcJs;

/** The fields of the test request, in the plain-object form both code styles accept. */
export interface EchoRequest {
  text?: string;
  password?: string;
  email?: string;
  count?: number | string | { toString(): string };
  payload?: Uint8Array;
  tags?: string[];
  card?: { card_number?: string; cardNumber?: string; level?: number };
}

/** The fields of the test reply. */
export interface EchoReply {
  text?: string;
  index?: number;
  token?: string;
}

/** The service path prefix of every method. */
export const SERVICE = '/tracegate.test.Echo';
/** Returns the span name that instrumentation-grpc gives a call of `method`. */
export function spanName(method: string): string {
  return `grpc.tracegate.test.Echo/${method}`;
}

/** A service definition and client class of one code style. */
export interface EchoApi {
  style: 'proto-loader' | 'static';
  definition: ServiceDefinition;
  Client: ServiceClientConstructor;
}

/** Loads the Echo service with @grpc/proto-loader, keeping field names as written. */
export function protoLoaderApi(grpc: Grpc): EchoApi {
  const definition = loadProtoLoader().loadSync(fixturePath('echo.proto'), {
    keepCase: true,
    longs: String,
    defaults: false,
  });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    tracegate: { test: { Echo: ServiceClientConstructor } };
  };
  const Client = loaded.tracegate.test.Echo;
  return { style: 'proto-loader', definition: Client.service, Client };
}

/**
 * Builds the Echo service from protobufjs static code (pbjs output), the way
 * apps without proto-loader wire generated messages into grpc-js.
 */
export function staticCodeApi(grpc: Grpc): EchoApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const root = require(fixturePath('echo-static.js')) as {
    tracegate: typeof tracegate;
  };
  const { EchoRequest, EchoReply } = root.tracegate.test;
  const method = (
    name: string,
    requestStream: boolean,
    responseStream: boolean,
  ) => ({
    path: `${SERVICE}/${name}`,
    requestStream,
    responseStream,
    requestSerialize: (message: tracegate.test.IEchoRequest) =>
      Buffer.from(EchoRequest.encode(message).finish()),
    requestDeserialize: (bytes: Buffer) => EchoRequest.decode(bytes),
    responseSerialize: (message: tracegate.test.IEchoReply) =>
      Buffer.from(EchoReply.encode(message).finish()),
    responseDeserialize: (bytes: Buffer) => EchoReply.decode(bytes),
  });
  const definition = {
    Unary: method('Unary', false, false),
    ServerStream: method('ServerStream', false, true),
    ClientStream: method('ClientStream', true, false),
    Bidi: method('Bidi', true, true),
  } as unknown as ServiceDefinition;
  const Client = grpc.makeGenericClientConstructor(definition, 'Echo');
  return { style: 'static', definition, Client };
}

/** Trailers that the service sends on success: one plain, one sensitive key. */
export function successTrailers(grpc: Grpc): Metadata {
  const trailers = new grpc.Metadata();
  trailers.set('x-checksum', 'c0ffee');
  trailers.set('x-api-key', 'trailer-api-key-value');
  return trailers;
}

/** Headers that the service sends before its first message. */
export function serviceHeaders(grpc: Grpc): Metadata {
  const headers = new grpc.Metadata();
  headers.set('x-served-by', 'echo');
  return headers;
}

/** Builds the error that the service fails with when a request's text is `fail`. */
export function failure(grpc: Grpc): GrpcJs.ServiceError {
  const metadata = new grpc.Metadata();
  metadata.set('x-reason', 'declined');
  return Object.assign(new Error('declined'), {
    code: grpc.status.FAILED_PRECONDITION,
    details: 'card 4242 4242 4242 4242 declined',
    metadata,
  });
}

/** Builds the reply to one request. */
export function replyTo(request: EchoRequest, index: number): EchoReply {
  return { text: `echo: ${request.text ?? ''}`, index, token: 'reply-token-1' };
}

/**
 * Handlers of the Echo service. A request's text selects the behaviour:
 * `fail` fails with FAILED_PRECONDITION, `throw` throws from the handler,
 * `silent` never responds, `forever` streams until the client cancels.
 */
export function echoHandlers(grpc: Grpc): UntypedServiceImplementation {
  return {
    Unary(
      call: ServerUnaryCall<EchoRequest, EchoReply>,
      callback: sendUnaryData<EchoReply>,
    ) {
      const { text } = call.request;
      if (text === 'throw') throw new Error('handler failure');
      if (text === 'silent') return;
      if (text === 'fail') {
        callback(failure(grpc));
        return;
      }
      call.sendMetadata(serviceHeaders(grpc));
      callback(null, replyTo(call.request, 1), successTrailers(grpc));
    },

    ServerStream(call: ServerWritableStream<EchoRequest, EchoReply>) {
      const { request } = call;
      if (request.text === 'forever') {
        streamForever(call);
        return;
      }
      call.sendMetadata(serviceHeaders(grpc));
      const count = Number(request.count ?? 0);
      for (let index = 1; index <= count; index++) {
        call.write(replyTo(request, index));
      }
      if (request.text === 'fail') {
        call.emit('error', failure(grpc));
        return;
      }
      call.end(successTrailers(grpc));
    },

    ClientStream(
      call: ServerReadableStream<EchoRequest, EchoReply>,
      callback: sendUnaryData<EchoReply>,
    ) {
      const texts: string[] = [];
      let failed = false;
      call.on('data', (request: EchoRequest) => {
        if (request.text === 'fail' && !failed) {
          failed = true;
          callback(failure(grpc));
        }
        texts.push(request.text ?? '');
      });
      call.on('end', () => {
        if (failed) return;
        callback(
          null,
          { text: texts.join('+'), index: texts.length, token: 'sum-token' },
          successTrailers(grpc),
        );
      });
    },

    Bidi(call: ServerDuplexStream<EchoRequest, EchoReply>) {
      let index = 0;
      call.on('data', (request: EchoRequest) => {
        call.write(replyTo(request, ++index));
      });
      call.on('end', () => call.end(successTrailers(grpc)));
    },
  };
}

// Writes a message every few milliseconds until the call is cancelled,
// respecting backpressure, as a feed that never ends would.
function streamForever(call: ServerWritableStream<EchoRequest, EchoReply>) {
  let index = 0;
  const timer = setInterval(() => {
    if (call.cancelled) {
      clearInterval(timer);
      return;
    }
    call.write({ text: `tick ${++index}`, index, token: 'feed-token' });
  }, 2);
  call.on('cancelled', () => clearInterval(timer));
}

/** A running Echo server and a client connected to it. */
export interface EchoHarness {
  server: Server;
  client: GrpcJs.Client;
  close(): Promise<void>;
}

/**
 * Starts the Echo service on 127.0.0.1 and a free port, and a client for it.
 * `handlers` replaces the service's own handlers.
 */
export async function startEcho(
  grpc: Grpc,
  api: EchoApi,
  handlers: UntypedServiceImplementation = echoHandlers(grpc),
): Promise<EchoHarness> {
  const server = new grpc.Server();
  server.addService(api.definition, handlers);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      '127.0.0.1:0',
      grpc.ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    );
  });
  const client = new api.Client(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure(),
  );
  return {
    server,
    client,
    close: () => {
      client.close();
      // Ends calls still open, such as a stream that never ends.
      server.forceShutdown();
      return Promise.resolve();
    },
  };
}
