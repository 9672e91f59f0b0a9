import { once } from 'node:events';
import type * as Http from 'node:http';
import type { AddressInfo } from 'node:net';

// Loaded on first use rather than at import, so node:http is required after
// the test has started the agent and its instrumentations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const http = (): typeof Http => require('node:http') as typeof Http;

/**
 * Runs `run` against an app on 127.0.0.1 that responds with `app` to
 * every request. `handled` returns how many requests reached the app.
 */
export async function withServer<T>(
  run: (base: string, handled: () => number) => Promise<T>,
): Promise<T> {
  let handled = 0;
  const server = http().createServer((_request, response) => {
    handled += 1;
    response.end('app');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    return await run(`http://127.0.0.1:${port}`, () => handled);
  } finally {
    server.close();
  }
}
