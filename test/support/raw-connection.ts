import { once } from 'node:events';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** One step of a scripted TCP connection to an HTTP server. */
export type RawStep =
  | { write: Buffer | string }
  | { waitFor: string }
  | { pause: number }
  | { destroy: true };

/** The bytes a scripted connection received, and how it ended. */
export interface RawExchange {
  received: Buffer;
  /** `closed by server`, `destroyed by client`, `timed out` or `error <code>`. */
  ending: string;
}

/** Maximum time one scripted connection may take before it is cut. */
export const CONNECTION_TIMEOUT_MS = 15_000;

/** A TCP connection that collects what it receives and notes how it ends. */
class CollectingSocket {
  readonly chunks: Buffer[] = [];
  ending: string | undefined;
  private wake: (() => void) | undefined;

  constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.notify();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.ending ??= `error ${error.code ?? error.name}`;
      this.notify();
    });
    socket.on('close', () => {
      this.ending ??= 'closed by server';
      this.notify();
    });
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('latin1');
  }

  /** Resolves true once the condition holds, false at the deadline. */
  async until(condition: () => boolean, deadline: number): Promise<boolean> {
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      const woken = new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      await Promise.race([woken, sleep(Math.min(left, 50))]);
    }
    return true;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/**
 * Opens a TCP connection to the server at `base`, runs the steps in order
 * and collects every byte received until the server closes the connection,
 * the script destroys it, or CONNECTION_TIMEOUT_MS passes.
 */
export async function runConnection(
  base: string,
  steps: readonly RawStep[],
): Promise<RawExchange> {
  const { hostname, port } = new URL(base);
  const socket = connect({ host: hostname, port: Number(port) });
  await once(socket, 'connect');
  const connection = new CollectingSocket(socket);
  const deadline = Date.now() + CONNECTION_TIMEOUT_MS;
  for (const step of steps) {
    if (connection.ending !== undefined) break;
    if ('write' in step) {
      socket.write(step.write);
    } else if ('waitFor' in step) {
      const expected = step.waitFor;
      await connection.until(
        () =>
          connection.text().includes(expected) ||
          connection.ending !== undefined,
        deadline,
      );
    } else if ('pause' in step) {
      await sleep(step.pause);
    } else {
      connection.ending ??= 'destroyed by client';
      socket.destroy();
    }
  }
  const ended = await connection.until(
    () => connection.ending !== undefined,
    deadline,
  );
  if (!ended) {
    connection.ending = 'timed out';
    socket.destroy();
  }
  return {
    received: Buffer.concat(connection.chunks),
    ending: connection.ending ?? 'timed out',
  };
}
