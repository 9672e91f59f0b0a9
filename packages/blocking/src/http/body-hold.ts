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
 */
export class BodyHold {
  private readonly chunks: Buffer[] = [];
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
    for (const chunk of chunks) this.downstream.call(this.request, chunk);
    if (this.ended) this.downstream.call(this.request, null);
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

function toBuffer(chunk: unknown, encoding?: BufferEncoding): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, encoding);
  return Buffer.from(chunk as Uint8Array);
}
