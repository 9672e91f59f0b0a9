import { once } from 'node:events';
import type * as Http from 'node:http';
import type { IncomingMessage, RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Loads `node:http` at call time: instrumentation patches the module when it
 * is required after `setupTracing()`, as with an app preloaded with the agent.
 */
function http(): typeof Http {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:http') as typeof Http;
}

/** Starts an HTTP server on 127.0.0.1 and a free port. */
export async function startServer(
  handler: RequestListener,
): Promise<{ server: Server; base: string }> {
  const server = http().createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}` };
}

/** Closes a server and every connection it still has. */
export async function stopServer(server: Server): Promise<void> {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
}

/** A response as the client received it. */
export interface ReceivedResponse {
  status: number;
  headers: Http.IncomingHttpHeaders;
  body: Buffer;
  /** Arrival time of each chunk, in ms. */
  arrivals: number[];
}

/** Sends a request with node:http and reads the whole response. */
export function send(
  url: string,
  options: Http.RequestOptions & { body?: string | Buffer | Buffer[] } = {},
): Promise<ReceivedResponse> {
  const { body, ...requestOptions } = options;
  return new Promise((resolve, reject) => {
    const request = http().request(url, requestOptions, (response) => {
      collect(response).then(resolve, reject);
    });
    request.on('error', reject);
    if (Array.isArray(body)) {
      for (const chunk of body) request.write(chunk);
      request.end();
    } else {
      request.end(body);
    }
  });
}

async function collect(response: IncomingMessage): Promise<ReceivedResponse> {
  const chunks: Buffer[] = [];
  const arrivals: number[] = [];
  for await (const chunk of response) {
    chunks.push(chunk as Buffer);
    arrivals.push(Date.now());
  }
  return {
    status: response.statusCode ?? 0,
    headers: response.headers,
    body: Buffer.concat(chunks),
    arrivals,
  };
}

/** Reads a request body the way most apps do, with 'data' and 'end'. */
export function readAll(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
