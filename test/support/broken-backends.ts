import { once } from 'node:events';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer } from 'node:net';

/** An OTLP endpoint that fails in one way, on 127.0.0.1. */
export interface BrokenBackend {
  url: string;
  close: () => Promise<void>;
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closeServer(server: Server): Promise<void> {
  const closed = once(server, 'close');
  server.close();
  server.closeAllConnections();
  await closed;
}

/** Returns the URL of a 127.0.0.1 port that was just listened on and closed. */
export async function closedPort(): Promise<BrokenBackend> {
  const server = createTcpServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return { url: `http://127.0.0.1:${port}`, close: async () => {} };
}

/** Starts a server that reads each request and responds with status 500. */
export async function failingBackend(): Promise<BrokenBackend> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.statusCode = 500;
      response.end('internal error');
    });
  });
  const url = await listen(server);
  return { url, close: () => closeServer(server) };
}

/** Starts a server that accepts requests and never responds. */
export async function hangingBackend(): Promise<BrokenBackend> {
  const server = createServer((request) => {
    request.resume();
  });
  const url = await listen(server);
  return { url, close: () => closeServer(server) };
}
