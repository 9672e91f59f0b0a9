/**
 * The bytes that every body hold of one instrumentation keeps at once.
 * `maxBytes` bounds one request; this bounds their sum, so many slow
 * uploads at the same time cannot hold `maxBytes` each without limit.
 */
export class HeldBytesBudget {
  private heldBytes = 0;

  constructor(readonly maxTotalBytes: number) {}

  /** Bytes held now, by every hold together. */
  get held(): number {
    return this.heldBytes;
  }

  /** Counts bytes a hold took; returns false once the sum is over the limit. */
  add(bytes: number): boolean {
    this.heldBytes += bytes;
    return this.heldBytes <= this.maxTotalBytes;
  }

  /** Gives back the bytes of a hold that released or dropped its chunks. */
  remove(bytes: number): void {
    this.heldBytes = Math.max(0, this.heldBytes - bytes);
  }
}
