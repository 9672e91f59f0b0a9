// Runs the Echo service with no instrumentation at all, for client-side
// tests: `node plain-server.js` prints `{"port":N}` once listening and
// stops when its standard input closes.
import { echoHandlers, protoLoaderApi } from './echo-service';
import { loadGrpc } from './grpc';

const grpc = loadGrpc('newest');
const server = new grpc.Server();
server.addService(protoLoaderApi(grpc).definition, echoHandlers(grpc));
server.bindAsync(
  '127.0.0.1:0',
  grpc.ServerCredentials.createInsecure(),
  (error, port) => {
    if (error) throw error;
    process.stdout.write(`${JSON.stringify({ port })}\n`);
  },
);
process.stdin.on('end', () => server.forceShutdown());
process.stdin.resume();
