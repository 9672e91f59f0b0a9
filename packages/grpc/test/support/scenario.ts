// A fixed set of calls against the Echo service, run as a child process by
// the behaviour test: `node scenario.js <mode>` prints one JSON document of
// everything the client and the server saw. Modes: `plain` (no
// instrumentation), `upstream` (instrumentation-grpc only), `tracegate`
// (Tracegate, then instrumentation-grpc) and `tracegate-alone`.
import type * as GrpcJs from '@grpc/grpc-js';
import type { CallOutcome } from './echo-calls';
import {
  callBidi,
  callClientStream,
  callServerStream,
  callUnary,
  plain,
} from './echo-calls';
import type { EchoApi, EchoRequest } from './echo-service';
import {
  echoHandlers,
  protoLoaderApi,
  SERVICE,
  staticCodeApi,
} from './echo-service';
import { loadGrpc } from './grpc';
import { setupTracing } from './tracing';

const mode = process.argv[2];
const modes = ['plain', 'upstream', 'tracegate', 'tracegate-alone'];
if (!modes.includes(mode)) {
  throw new Error(
    `invalid mode "${mode}": expected one of ${modes.join(', ')}`,
  );
}
const tracing =
  mode === 'plain'
    ? undefined
    : setupTracing({
        tracegate: mode !== 'upstream',
        upstream: mode !== 'tracegate-alone',
      });

type Grpc = typeof GrpcJs;

/** What a handler received: the request metadata and the messages. */
interface Received {
  method: string;
  metadata: Record<string, unknown[]>;
  messages: unknown[];
}

// Wraps each handler to record what it received, without changing its calls.
function observedHandlers(grpc: Grpc, log: Received[]) {
  const handlers = echoHandlers(grpc) as Record<
    string,
    (
      call: GrpcJs.ServerUnaryCall<EchoRequest, unknown>,
      ...rest: unknown[]
    ) => void
  >;
  const observed: typeof handlers = {};
  for (const [method, handler] of Object.entries(handlers)) {
    observed[method] = (call, ...rest) => {
      const metadata = plain(call.metadata.toJSON()) as Record<
        string,
        unknown[]
      >;
      // Trace context differs from run to run and between modes.
      delete metadata.traceparent;
      const entry: Received = { method, metadata, messages: [] };
      log.push(entry);
      if (call.request !== undefined) entry.messages.push(plain(call.request));
      (call as unknown as NodeJS.EventEmitter).on('data', (message: unknown) =>
        entry.messages.push(plain(message)),
      );
      handler(call, ...rest);
    };
  }
  return observed;
}

function metadata(grpc: Grpc): GrpcJs.Metadata {
  const result = new grpc.Metadata();
  result.set('authorization', 'Bearer scenario-token-value');
  result.set('x-request-id', 'scenario');
  result.set('x-blob-bin', Buffer.from([0, 1, 2]));
  return result;
}

// Timings in deadline messages vary between runs: keep the code only.
function withoutTimings(outcome: CallOutcome): CallOutcome {
  return outcome.statusCode === grpcStatusDeadline
    ? { ...outcome, statusDetails: '' }
    : outcome;
}
const grpcStatusDeadline = 4;

/** Reads a never-ending stream until `count` messages came, then cancels it. */
function cancelAfter(
  client: GrpcJs.Client,
  count: number,
  md: GrpcJs.Metadata,
): Promise<{ received: number; statusCode: number }> {
  return new Promise((resolve) => {
    const call = (
      client as unknown as Record<
        string,
        (...args: unknown[]) => GrpcJs.ClientReadableStream<unknown>
      >
    ).ServerStream({ text: 'forever' }, md);
    let received = 0;
    call.on('data', () => {
      received++;
      if (received === count) call.cancel();
    });
    call.on('error', () => undefined);
    call.on('status', (status: GrpcJs.StatusObject) =>
      resolve({ received: Math.min(received, count), statusCode: status.code }),
    );
  });
}

async function runStyle(grpc: Grpc, api: EchoApi) {
  const received: Received[] = [];
  const server = new grpc.Server();
  server.addService(api.definition, observedHandlers(grpc, received));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      '127.0.0.1:0',
      grpc.ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    ),
  );
  const client = new api.Client(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure(),
  );

  const request = (text: string, count = 2): EchoRequest => ({
    text,
    password: 'pw',
    count,
    payload: Buffer.from('bytes'),
  });

  const outcomes: Record<string, unknown> = {};
  outcomes.unary = await callUnary(client, request('hi'), metadata(grpc));
  outcomes.unaryFail = await callUnary(client, request('fail'), metadata(grpc));
  outcomes.unaryThrow = await callUnary(
    client,
    request('throw'),
    metadata(grpc),
  );
  outcomes.unaryDeadline = withoutTimings(
    await callUnary(client, request('silent'), metadata(grpc), {
      deadline: Date.now() + 300,
    }),
  );

  outcomes.serverStream = await callServerStream(
    client,
    request('feed', 3),
    metadata(grpc),
  );
  outcomes.serverStreamFail = await callServerStream(
    client,
    request('fail', 1),
    metadata(grpc),
  );
  outcomes.serverStreamCancel = await cancelAfter(client, 3, metadata(grpc));

  outcomes.clientStream = await callClientStream(
    client,
    [request('x'), request('y')],
    metadata(grpc),
  );
  outcomes.clientStreamFail = await callClientStream(
    client,
    [request('x'), request('fail'), request('z')],
    metadata(grpc),
  );
  outcomes.bidi = await callBidi(
    client,
    [request('p'), request('q'), request('r')],
    metadata(grpc),
  );

  client.close();
  server.forceShutdown();
  return { style: api.style, service: SERVICE, outcomes, received };
}

async function main() {
  const grpc = loadGrpc('newest');
  const results = [
    await runStyle(grpc, protoLoaderApi(grpc)),
    await runStyle(grpc, staticCodeApi(grpc)),
  ];
  // Spans that Tracegate wrote on, so the test can tell capture was on.
  const capturedSpans = (tracing?.exporter.getFinishedSpans() ?? []).filter(
    (span) => span.attributes['tracegate.rpc.request.messages'] !== undefined,
  ).length;
  process.stdout.write(JSON.stringify({ results, capturedSpans }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
