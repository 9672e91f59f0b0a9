import { Agent, get } from 'node:http';

/** The result of a burst of identical requests. */
export interface Burst {
  durationMs: number;
  /** `<status> <body>` of each request, or `error <message>`. */
  responses: string[];
}

function requestOnce(url: string, agent: Agent): Promise<string> {
  return new Promise((resolve) => {
    get(url, { agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve(`${response.statusCode} ${Buffer.concat(chunks).toString()}`),
      );
      response.on('error', (error) => resolve(`error ${error.message}`));
    }).on('error', (error) => resolve(`error ${error.message}`));
  });
}

/**
 * Sends `count` GET requests for `path`, `concurrency` at a time over
 * keep-alive connections, and measures how long they all took.
 */
export async function sendBurst(
  base: string,
  path: string,
  count: number,
  concurrency: number,
): Promise<Burst> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const responses: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next += 1;
      responses.push(await requestOnce(`${base}${path}`, agent));
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const durationMs = performance.now() - started;
  agent.destroy();
  return { durationMs, responses };
}
