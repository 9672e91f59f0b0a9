import type { RedactionContext } from './context';
import { mask } from './mask';
import { indexSegment, joinPath, keySegment } from './path';
import { applyHits, findHits } from './text-scan';

/** Result of redacting a parsed JSON value. */
export interface JsonTreeResult {
  /** Compact JSON text of the redacted value. */
  text: string;
  /** Whether anything was masked. */
  masked: boolean;
}

type JsonObject = Record<string, unknown>;

interface Frame {
  readonly container: unknown[] | JsonObject;
  /** Keys of an object, or undefined for an array. */
  readonly keys: string[] | undefined;
  next: number;
}

// Integers of 13 digits and more may be card numbers sent as JSON numbers.
const MIN_CARD_NUMBER = 1e12;

/**
 * Serializes a value produced by JSON.parse with sensitive values masked.
 * The walk keeps its own stack, so nesting depth is limited by memory and
 * not by the call stack.
 */
export function redactJsonTree(
  root: unknown,
  context: RedactionContext,
  prefix: string,
): JsonTreeResult {
  const walk = new TreeWalk(context, prefix);
  walk.run(root);
  return { text: walk.output.join(''), masked: walk.masked };
}

class TreeWalk {
  readonly output: string[] = [];
  masked = false;
  private readonly frames: Frame[] = [];
  private readonly segments: string[] = [];

  constructor(
    private readonly context: RedactionContext,
    private readonly prefix: string,
  ) {}

  run(root: unknown): void {
    this.enter(root);
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
      this.frames.pop();
      if (this.frames.length > 0) {
        this.segments.pop();
      }
      return;
    }
    const index = frame.next++;
    if (index > 0) {
      this.output.push(',');
    }
    if (frame.keys === undefined) {
      this.segments.push(indexSegment(index));
      this.enter((frame.container as unknown[])[index]);
      return;
    }
    const key = frame.keys[index];
    const value = (frame.container as JsonObject)[key];
    this.member(key, value);
  }

  private member(key: string, value: unknown): void {
    const keyText = this.redactKey(key);
    this.output.push(JSON.stringify(keyText), ':');
    this.segments.push(keySegment(keyText));
    const rule = this.context.keys.match(key);
    if (rule !== undefined && value !== null) {
      this.output.push(JSON.stringify(mask(rule)));
      this.report(rule);
      this.segments.pop();
      return;
    }
    this.enter(value);
  }

  /** Opens a container, or writes a leaf and closes its path segment. */
  private enter(value: unknown): void {
    if (Array.isArray(value)) {
      this.output.push('[');
      this.frames.push({ container: value, keys: undefined, next: 0 });
      return;
    }
    if (typeof value === 'object' && value !== null) {
      this.output.push('{');
      const container = value as JsonObject;
      this.frames.push({ container, keys: Object.keys(container), next: 0 });
      return;
    }
    this.output.push(this.leaf(value));
    if (this.frames.length > 0) {
      this.segments.pop();
    }
  }

  private leaf(value: unknown): string {
    if (typeof value === 'string') {
      return JSON.stringify(this.detect(value));
    }
    if (
      typeof value === 'number' &&
      Number.isInteger(value) &&
      Math.abs(value) >= MIN_CARD_NUMBER
    ) {
      const digits = String(value);
      const redacted = this.detect(digits);
      return redacted === digits
        ? JSON.stringify(value)
        : JSON.stringify(redacted);
    }
    return JSON.stringify(value) ?? 'null';
  }

  private redactKey(key: string): string {
    const hits = findHits(key, this.context.detectors);
    if (hits.length === 0) {
      return key;
    }
    const redacted = applyHits(key, hits);
    this.segments.push(keySegment(redacted));
    for (const hit of hits) {
      this.report(hit.type);
    }
    this.segments.pop();
    return redacted;
  }

  private detect(text: string): string {
    const hits = findHits(text, this.context.detectors);
    if (hits.length === 0) {
      return text;
    }
    for (const hit of hits) {
      this.report(hit.type);
    }
    return applyHits(text, hits);
  }

  private report(type: string): void {
    this.masked = true;
    const segments = this.segments;
    const path = joinPath(this.prefix, segments.length, (i) => segments[i]);
    this.context.reporter.report(type, path);
  }
}
