import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer, connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const HOST = '127.0.0.1';

/** Throws an error with install instructions when redis-server is missing. */
function requireRedisServer(): void {
  const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  if (found.error !== undefined || found.status !== 0) {
    throw new Error(
      'redis-server was not found on PATH. The rate-limit tests start a real Redis; install it with `apt-get install -y redis-server` (.ci/run does this).',
    );
  }
}

/** Returns a port that was free on 127.0.0.1 a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, HOST);
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') {
    throw new Error('could not read the port of a probe server');
  }
  return address.port;
}

async function isFree(port: number): Promise<boolean> {
  const server = createServer();
  server.listen(port, HOST);
  try {
    await Promise.race([
      once(server, 'listening'),
      once(server, 'error').then(([error]) => {
        throw error;
      }),
    ]);
  } catch {
    return false;
  }
  server.close();
  await once(server, 'close');
  return true;
}

async function answersPing(port: number): Promise<boolean> {
  const socket = connect(port, HOST);
  try {
    await once(socket, 'connect');
    socket.write('PING\r\n');
    const [data] = (await once(socket, 'data')) as [Buffer];
    return data.toString().startsWith('+PONG');
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}

/**
 * A redis-server child process on 127.0.0.1, without persistence, that a
 * test starts, kills, pauses and restarts on the same port.
 */
export class RedisServer {
  private child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://${HOST}:${this.port}`;
  }

  static async start(): Promise<RedisServer> {
    requireRedisServer();
    const server = new RedisServer(await freePort());
    await server.restart();
    return server;
  }

  /** Starts the server on its port again, after checking the port is free. */
  async restart(): Promise<void> {
    if (!(await isFree(this.port))) {
      throw new Error(
        `port ${this.port} on ${HOST} is not free for redis-server`,
      );
    }
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        HOST,
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if (child.exitCode !== null) break;
      if (await answersPing(this.port)) return;
      await sleep(50);
    }
    throw new Error(
      `redis-server on port ${this.port} did not start within 5 s`,
    );
  }

  /** Ends the server at once, as a crash would. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** Freezes the server: connections stay open and replies stop. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    this.resume();
    await this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (
      child === undefined ||
      child.exitCode !== null ||
      child.signalCode !== null
    ) {
      return;
    }
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }
}
