import { once } from 'node:events';
import type * as Http from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A response as the client received it. */
export interface ReceivedResponse {
  status: number;
  headers: Http.IncomingHttpHeaders;
  body: string;
}

/** Loads `node:http` at call time, after the instrumentation patched it. */
function http(): typeof Http {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:http') as typeof Http;
}

/** Starts a request listener (an Express app) on 127.0.0.1 and a free port. */
export async function listen(
  app: Http.RequestListener,
): Promise<{ server: Server; base: string }> {
  const server = http().createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}` };
}

/** Closes a server and every connection it still has. */
export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
}

/** Sends one request with node:http and reads the whole response as text. */
export function send(
  url: string,
  options: Http.RequestOptions & { body?: string } = {},
): Promise<ReceivedResponse> {
  const { body, ...requestOptions } = options;
  return new Promise((resolve, reject) => {
    const request = http().request(url, requestOptions, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}
