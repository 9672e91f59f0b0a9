import { once } from 'node:events';
import type * as Http from 'node:http';
import type { IncomingMessage, RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Loads `node:http` at call time, after the instrumentation was registered,
 * as an application preloaded with the agent does.
 */
export function http(): typeof Http {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:http') as typeof Http;
}

/** Starts a server on 127.0.0.1 and a free port. */
export async function startServer(
  handler: RequestListener,
): Promise<{ server: Server; base: string; port: number }> {
  const server = http().createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}`, port };
}

/** Closes a server and every connection it still has. */
export async function stopServer(server: Server): Promise<void> {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
}

/** A response as the client received it. */
export interface Received {
  status: number;
  headers: Http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/** Sends a request and reads the whole response. */
export function send(
  url: string,
  options: Http.RequestOptions & { body?: string | Buffer | Buffer[] } = {},
): Promise<Received> {
  const { body, ...requestOptions } = options;
  return new Promise((resolve, reject) => {
    const request = http().request(url, requestOptions, (response) => {
      readAll(response).then(
        (bytes) =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: bytes,
            text: bytes.toString('utf8'),
          }),
        reject,
      );
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

/** Reads a whole stream with 'data' and 'end', as most apps do. */
export function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
