import type { IncomingMessage } from 'node:http';
import type { HeldBytesBudget } from './held-bytes';

type Push = (chunk: unknown, encoding?: BufferEncoding) => boolean;

/**
 * The limit that ended a hold early: this body's size, its time, or the
 * total bytes held for all requests together.
 */
export type HoldLimit = 'size_limit' | 'time_limit' | 'total_limit';

/** Callbacks of a {@link BodyHold} to the request gate. */
export interface HoldEvents {
  /** The whole body arrived within the limits; see `heldChunks`. */
  onEnd(): void;
  /** The body passed a limit before its end. */
  onLimit(limit: HoldLimit): void;
  /** The request closed (the client left) before its body ended. */
  onAbort(): void;
}

/**
 * Holds the chunks that the HTTP parser pushes to a request until the body
 * ends, so no application code receives them before the body stage decided.
 * It wraps the request instance's `push`, which receives every chunk
 * whatever way the application reads, and calls the `push` that was there before (the
 * capture tap of @tracegate/http, or the stream's own) when it releases the
 * chunks. After the release it passes every later chunk straight through.
 * Bytes that reached the request before the hold started go back into the
 * stream with `unshift`, in front of the held chunks.
 */
export class BodyHold {
  private readonly chunks: Buffer[] = [];
  /** Number of leading `chunks` taken from the request's readable buffer. */
  private earlyChunkCount = 0;
  /** True when the parser had pushed the end of the body before the hold. */
  private endedBefore = false;
  private size = 0;
  private ended = false;
  private holding = true;
  private readonly downstream: Push;
  private readonly timer: NodeJS.Timeout;
  private readonly onClose = (): void => {
    if (!this.holding || this.ended) return;
    this.stop();
    this.chunks.length = 0;
    this.events.onAbort();
  };

  constructor(
    private readonly request: IncomingMessage,
    private readonly maxBytes: number,
    timeoutMs: number,
    private readonly events: HoldEvents,
    private readonly budget: HeldBytesBudget,
  ) {
    // The push that was there is called with the request as `this` below.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    this.downstream = request.push as Push;
    request.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
      if (!this.holding) {
        return this.downstream.call(request, chunk, encoding);
      }
      return this.take(chunk, encoding);
    };
    this.timer = setTimeout(() => this.limit('time_limit'), timeoutMs);
    // 'aborted' comes first when the socket closes, before the response's
    // 'close' ends the server span; 'close' covers a destroy() by other code.
    request.once('aborted', this.onClose);
    request.once('close', this.onClose);
  }

  /**
   * Takes the body bytes that the parser pushed to the request before the
   * hold started, as when an application emits `request` late after
   * `checkContinue` and the client did not wait for 100 Continue. Call it
   * right after the constructor, because it may call `onEnd` or `onLimit`.
   * The bytes are read in paused mode while no `data` listener exists, so
   * no application code receives them, and `release` puts them back first.
   */
  takeBuffered(): void {
    const { request } = this;
    // Application code that reads the request already would get the bytes
    // early from a `read` here, or has taken some.
    // NOTE: the body stage then misses the bytes read before the hold, and
    // a body that is complete ends the hold only at its time limit.
    if (
      request.readableFlowing === true ||
      request.readableDidRead ||
      request.listenerCount('data') > 0
    ) {
      return;
    }
    this.takeReadable();
    if (!this.holding || !request.complete) return;
    this.ended = true;
    this.endedBefore = true;
    clearTimeout(this.timer);
    this.events.onEnd();
  }

  /** Returns the chunks held so far, in arrival order. */
  heldChunks(): readonly Buffer[] {
    return this.chunks;
  }

  /**
   * Hands every held chunk, and the end of the body when it came, to the
   * `push` that was wrapped, then lets later chunks through unchanged.
   */
  release(): void {
    if (!this.holding) return;
    this.stop();
    const chunks = this.chunks.splice(0);
    const earlyChunks = chunks.splice(0, this.earlyChunkCount);
    // Early bytes go back with `unshift`, because the parser may have
    // pushed the end of the body already and a push after the end fails.
    if (earlyChunks.length > 0) this.putBack(Buffer.concat(earlyChunks));
    for (const chunk of chunks) this.downstream.call(this.request, chunk);
    if (this.ended && !this.endedBefore)
      this.downstream.call(this.request, null);
  }

  // Reads at most the high-water mark at a time, because a larger `read(n)`
  // raises the stream's high-water mark, and reads exactly the bytes there
  // are, because asking for more would emit `end` when the body is complete.
  private takeReadable(): void {
    const { request } = this;
    const restore = keepUnconsumed(request);
    // With `setEncoding`, `read` returns text that the decoder made.
    const encoding = request.readableEncoding ?? undefined;
    while (this.holding && request.readableLength > 0) {
      const size = Math.min(
        request.readableLength,
        request.readableHighWaterMark,
      );
      const chunk: unknown = request.read(size);
      if (chunk === null) break;
      this.earlyChunkCount += 1;
      this.take(chunk, encoding);
    }
    restore();
  }

  // Text goes back as text in the stream's encoding, because a stream with
  // an encoding keeps strings in its buffer.
  private putBack(bytes: Buffer): void {
    const encoding = this.request.readableEncoding;
    if (encoding === null) this.request.unshift(bytes);
    else this.request.unshift(bytes.toString(encoding), encoding);
  }

  private take(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) {
      this.ended = true;
      clearTimeout(this.timer);
      this.events.onEnd();
      return false;
    }
    const bytes = toBuffer(chunk, encoding);
    this.chunks.push(bytes);
    this.size += bytes.length;
    const withinTotal = this.budget.add(bytes.length);
    if (this.size > this.maxBytes) this.limit('size_limit');
    else if (!withinTotal) this.limit('total_limit');
    // True lets the parser read on. Memory stays bounded because passing
    // either limit releases the hold above.
    return true;
  }

  private limit(limit: HoldLimit): void {
    if (!this.holding || this.ended) return;
    this.events.onLimit(limit);
  }

  private stop(): void {
    this.holding = false;
    this.budget.remove(this.size);
    clearTimeout(this.timer);
    this.request.removeListener('aborted', this.onClose);
    this.request.removeListener('close', this.onClose);
  }
}

/**
 * Private fields of Node's `IncomingMessage` and its readable state
 * (checked on Node 20.20, 22.23 and 24.21) that the first `read` of a
 * request changes.
 */
type ConsumableRequest = IncomingMessage & {
  _consuming?: boolean;
  _readableState?: { readingMore?: boolean; dataEmitted?: boolean };
};

/**
 * Returns a function that undoes the marks of a first `read` by the hold,
 * so the application finds the request as unread as Node left it. Node
 * drains a request body that no code read when the response ends
 * (`_consuming` false). `readingMore` goes back too, because Node's
 * read-ahead would otherwise call `_read` on the next push and mark the
 * request as read again. `dataEmitted` is `readableDidRead`. The other
 * effect of `_read`, resuming a socket that the parser paused for
 * backpressure, stays, because the hold needs the rest of the body.
 */
function keepUnconsumed(request: ConsumableRequest): () => void {
  const consuming = request._consuming;
  const state = request._readableState;
  const readingMore = state?.readingMore;
  const dataEmitted = state?.dataEmitted;
  return () => {
    if (state !== undefined && dataEmitted !== undefined) {
      state.dataEmitted = dataEmitted;
    }
    if (consuming !== false) return;
    request._consuming = false;
    if (state !== undefined && readingMore !== undefined) {
      state.readingMore = readingMore;
    }
  };
}

function toBuffer(chunk: unknown, encoding?: BufferEncoding): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, encoding);
  return Buffer.from(chunk as Uint8Array);
}
