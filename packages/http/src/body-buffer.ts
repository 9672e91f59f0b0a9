/**
 * Copies of the first bytes of a body, up to a limit, plus the count of every
 * byte seen. Chunks are copied because the app or Node may reuse a buffer
 * after handing it over, and a slice would keep a whole socket buffer alive.
 */
export class BodyBuffer {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  /** Bytes seen, including those past the limit. */
  size = 0;
  /** True once the end of the body was seen. */
  ended = false;

  constructor(private readonly limit: number) {}

  /** Records one chunk as the app sends or receives it. */
  add(chunk: unknown, encoding?: unknown): void {
    const bytes = toBuffer(chunk, encoding);
    if (bytes === undefined) return;
    this.size += bytes.length;
    const room = this.limit - this.kept;
    if (room <= 0 || bytes.length === 0) return;
    const taken = bytes.length <= room ? bytes : bytes.subarray(0, room);
    this.chunks.push(Buffer.from(taken));
    this.kept += taken.length;
  }

  /** True when bytes beyond the limit were seen and dropped. */
  get overLimit(): boolean {
    return this.size > this.kept;
  }

  /** Returns the kept bytes as one buffer. */
  bytes(): Buffer {
    return this.chunks.length === 1
      ? this.chunks[0]
      : Buffer.concat(this.chunks);
  }
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer | undefined {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') {
    return Buffer.from(
      chunk,
      typeof encoding === 'string' && Buffer.isEncoding(encoding)
        ? encoding
        : 'utf8',
    );
  }
  if (chunk instanceof Uint8Array) {
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  if (chunk instanceof ArrayBuffer) return Buffer.from(chunk);
  return undefined;
}
