import type { BodyBuffer } from './body-buffer';
import { guarded } from './safe';

type AnyFunction = (...args: unknown[]) => unknown;

/**
 * Records every chunk a readable stream's producer pushes (the HTTP parser for
 * `IncomingMessage`), and the end of the stream. Wrapping `push` records the
 * bytes whatever way the app reads them, or if it never does, without
 * switching the stream into flowing mode as a 'data' listener would.
 */
export function tapPush(
  stream: { push: AnyFunction },
  buffer: BodyBuffer,
): void {
  const originalPush = stream.push;
  stream.push = function tracegatePush(this: unknown, ...args: unknown[]) {
    const [chunk, encoding] = args;
    guarded('read body chunk', undefined, () => {
      if (chunk === null) buffer.ended = true;
      else buffer.add(chunk, encoding);
    });
    return originalPush.apply(this, args);
  };
}

/**
 * Records what the app writes to a writable message (`ServerResponse`,
 * `ClientRequest`) through `write` and `end`. The original is called first
 * and its return value passed back unchanged, so backpressure and errors
 * reach the app exactly as they would without Tracegate.
 */
export function tapWrites(
  message: { write: AnyFunction; end: AnyFunction },
  buffer: BodyBuffer,
): void {
  const originalWrite = message.write;
  const originalEnd = message.end;
  message.write = function tracegateWrite(this: unknown, ...args: unknown[]) {
    const result = originalWrite.apply(this, args);
    guarded('write body chunk', undefined, () => buffer.add(args[0], args[1]));
    return result;
  };
  message.end = function tracegateEnd(this: unknown, ...args: unknown[]) {
    const result = originalEnd.apply(this, args);
    guarded('end body', undefined, () => {
      if (typeof args[0] !== 'function') buffer.add(args[0], args[1]);
      buffer.ended = true;
    });
    return result;
  };
}

/**
 * Keeps the headers passed to `writeHead`. When no header was set with
 * `setHeader` first, Node sends these without storing them where
 * `getHeaders()` can read them.
 */
export function tapWriteHead(
  response: { writeHead: AnyFunction },
  onHeaders: (headers: unknown) => void,
): void {
  const originalWriteHead = response.writeHead;
  response.writeHead = function tracegateWriteHead(
    this: unknown,
    ...args: unknown[]
  ) {
    const result = originalWriteHead.apply(this, args);
    guarded('write head', undefined, () => {
      const headers = typeof args[1] === 'string' ? args[2] : args[1];
      if (headers !== undefined) onHeaders(headers);
    });
    return result;
  };
}
