import type { RedactionContext } from './context';
import { replaceValue } from './context';
import { redactJsonScan } from './json-scan';
import { indexSegment, joinPath, keySegment } from './path';
import { applyHits, replaceHits, reportHits } from './text-scan';

type JsonObject = Record<string, unknown>;

interface Frame {
  readonly container: unknown[] | JsonObject;
  /** Keys of an object, or undefined for an array. */
  readonly keys: string[] | undefined;
  next: number;
  /** Whether a member was written, so the next one needs a comma. */
  written: boolean;
}

// Integers of 13 digits and more may be card numbers sent as numbers.
const MIN_CARD_NUMBER = 1e12;
const CIRCULAR = '"[Circular]"';

function isPrintableText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Control characters other than tab and line breaks, and U+FFFD for
    // bytes that were not UTF-8, mark binary data.
    if (
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
      code === 0xfffd
    ) {
      return false;
    }
  }
  return true;
}

/** Converts values JSON has no form for (bigint, bytes, toJSON) to a form it has. */
function toJsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value.toString();
  }
  if (value instanceof Uint8Array) {
    // Protobuf bytes fields often carry text, which the detectors must see.
    const text = Buffer.from(
      value.buffer,
      value.byteOffset,
      value.byteLength,
    ).toString('utf8');
    return isPrintableText(text)
      ? text
      : Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString(
          'base64',
        );
  }
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    return (value as { toJSON(): unknown }).toJSON();
  }
  return value;
}

/**
 * Serializes a JavaScript value (parsed JSON or a decoded message) as
 * compact JSON with sensitive values masked. The walk keeps its own stack,
 * so nesting depth is limited by memory and not by the call stack, and a
 * cycle is written as "[Circular]".
 */
export function redactJsonTree(
  root: unknown,
  context: RedactionContext,
  prefix: string,
): string {
  const walk = new TreeWalk(context, prefix);
  walk.run(root);
  return walk.output.join('');
}

class TreeWalk {
  readonly output: string[] = [];
  private readonly frames: Frame[] = [];
  private readonly segments: string[] = [];
  private readonly open = new Set<unknown>();

  constructor(
    private readonly context: RedactionContext,
    private readonly prefix: string,
  ) {}

  run(root: unknown): void {
    this.enter(toJsonValue(root), false);
    while (this.frames.length > 0) {
      this.step(this.frames[this.frames.length - 1]);
    }
  }

  private step(frame: Frame): void {
    const length =
      frame.keys === undefined
        ? (frame.container as unknown[]).length
        : frame.keys.length;
    if (frame.next >= length) {
      this.output.push(frame.keys === undefined ? ']' : '}');
      this.open.delete(frame.container);
      this.frames.pop();
      if (this.frames.length > 0) {
        this.segments.pop();
      }
      return;
    }
    const index = frame.next++;
    if (frame.keys === undefined) {
      this.comma(frame);
      this.segments.push(indexSegment(index));
      this.enter(toJsonValue((frame.container as unknown[])[index]), true);
      return;
    }
    const key = frame.keys[index];
    const value = toJsonValue((frame.container as JsonObject)[key]);
    if (
      value === undefined ||
      typeof value === 'function' ||
      typeof value === 'symbol'
    ) {
      return;
    }
    this.comma(frame);
    this.member(key, value);
  }

  private comma(frame: Frame): void {
    if (frame.written) {
      this.output.push(',');
    }
    frame.written = true;
  }

  private member(key: string, value: unknown): void {
    const keyText = this.redactKey(key);
    this.output.push(JSON.stringify(keyText), ':');
    this.segments.push(keySegment(keyText));
    const rule = this.context.keys.match(key);
    if (rule !== undefined && value !== null) {
      const raw =
        typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
      const replacement = replaceValue(this.context, rule, raw, this.path());
      if (replacement !== undefined) {
        this.output.push(JSON.stringify(replacement));
        this.segments.pop();
        return;
      }
    }
    this.enter(value, true);
  }

  /** Opens a container, or writes a leaf and closes its path segment. */
  private enter(value: unknown, inContainer: boolean): void {
    if (typeof value === 'object' && value !== null) {
      if (this.open.has(value)) {
        this.output.push(CIRCULAR);
        this.closeLeaf(inContainer);
        return;
      }
      this.open.add(value);
      const isArray = Array.isArray(value);
      this.output.push(isArray ? '[' : '{');
      this.frames.push({
        container: value as unknown[] | JsonObject,
        keys: isArray ? undefined : Object.keys(value),
        next: 0,
        written: false,
      });
      return;
    }
    this.output.push(this.leaf(value));
    this.closeLeaf(inContainer);
  }

  private closeLeaf(inContainer: boolean): void {
    if (inContainer) {
      this.segments.pop();
    }
  }

  private leaf(value: unknown): string {
    if (typeof value === 'string') {
      return this.stringLeaf(value);
    }
    if (
      typeof value === 'number' &&
      Number.isInteger(value) &&
      Math.abs(value) >= MIN_CARD_NUMBER
    ) {
      const digits = String(value);
      const redacted = this.detect(digits);
      return redacted === digits ? digits : JSON.stringify(redacted);
    }
    return JSON.stringify(value) ?? 'null';
  }

  private stringLeaf(value: string): string {
    const first = value.trimStart().charCodeAt(0);
    if (first === 0x7b || first === 0x5b) {
      // JSON inside a string, as in event payloads and queue messages.
      const inner = redactJsonScan(value, this.context, this.path(), {
        truncated: false,
        depth: 1,
      });
      if (inner !== undefined) {
        return JSON.stringify(inner);
      }
    }
    return JSON.stringify(this.detect(value));
  }

  private redactKey(key: string): string {
    const hits = this.context.detectors.find(key);
    if (hits.length === 0) {
      return key;
    }
    const redacted = applyHits(key, hits, this.context);
    reportHits(hits, this.context, this.path() + keySegment(redacted));
    return redacted;
  }

  private detect(text: string): string {
    const segments = this.segments;
    const hint =
      segments.length > 0 ? segments[segments.length - 1] : undefined;
    const hits = this.context.detectors.find(text, hint);
    return hits.length === 0
      ? text
      : replaceHits(text, hits, this.context, this.path());
  }

  private path(): string {
    const segments = this.segments;
    return joinPath(this.prefix, segments.length, (i) => segments[i]);
  }
}
