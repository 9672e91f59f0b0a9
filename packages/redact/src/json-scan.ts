import type { RedactionContext } from './context';
import { replaceValue } from './context';
import { resolveOverlaps } from './detector-set';
import type { Hit } from './detectors/detector';
import {
  decodeString,
  looksLikeJsonText,
  quote,
  redactToken,
} from './json-string';
import { indexSegment, joinPath, keySegment } from './path';
import { applyHits, reportHits } from './text-scan';

/** Token kind the scanner accepts next. */
const enum Expect {
  Value,
  ValueOrClose,
  Key,
  KeyOrClose,
  Colon,
  CommaOrClose,
  /** A complete top-level value was read, and another may follow (NDJSON). */
  End,
}

/** A key seen before at the same depth and member position, with its rule. */
interface KeyMemo {
  readonly key: string;
  readonly rule: string | undefined;
  /** Path segment of the key, formatted when a finding first needs it. */
  segment: string | undefined;
}

interface Frame {
  readonly isObject: boolean;
  index: number;
  /** Position of the current member in an object. */
  member: number;
  /** Current key of an object, as written to the output. */
  key: string;
  /** Mask type of the current key, when a key rule matches it. */
  rule: string | undefined;
  /**
   * Memo of the current key. A redacted key has none, and neither has a new
   * key read inside a container that is masked whole.
   */
  memo: KeyMemo | undefined;
  /** Keys seen at this depth, by member position, most recent first. */
  readonly memos: KeyMemo[][];
}

/** Options of one scan. */
export interface JsonScanOptions {
  /** The text was cut by a size limit, so it may end inside any token. */
  readonly truncated: boolean;
  /** How many JSON documents inside strings enclose this one. */
  readonly depth: number;
}

// JSON inside a string inside a string is common (event payloads, queue
// messages). Each level costs one more pass over its text, so levels are
// bounded.
const MAX_NESTED_DEPTH = 3;

// Objects at one depth often alternate between a few shapes (an address
// and an order line, say), so a few keys are remembered per position.
const MAX_MEMOS = 4;

// Invalid input makes the scan throw this, caught in redactJsonScan.
const INVALID = new Error('invalid JSON');

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function isScalarChar(code: number): boolean {
  // Digits, letters, '+', '-' and '.': the characters of numbers and of
  // true, false and null.
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    code === 0x2b ||
    code === 0x2d ||
    code === 0x2e
  );
}

// The hits of a value without detections, shared because most values have
// none. Nothing appends to it.
const NO_HITS: Hit[] = [];

const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/** Returns the path segment of a frame's key, formatted once per memo. */
function segmentOf(frame: Frame): string {
  const memo = frame.memo;
  if (memo === undefined) {
    return keySegment(frame.key);
  }
  memo.segment ??= keySegment(memo.key);
  return memo.segment;
}

/**
 * Redacts JSON in one pass over its text, without building a tree, so the
 * cost is close to that of reading the text. The detectors run once over
 * the whole text and each detection is mapped to the string or number that
 * contains it. Layout and every unmasked byte are kept. Returns undefined
 * when the text is not JSON (or, when truncated, not a prefix of JSON).
 */
export function redactJsonScan(
  text: string,
  context: RedactionContext,
  prefix: string,
  options: JsonScanOptions,
): string | undefined {
  try {
    return new JsonScan(text, context, prefix, options).run();
  } catch (error) {
    if (error === INVALID) {
      return undefined;
    }
    throw error;
  }
}

class JsonScan {
  private readonly stack: Frame[] = [];
  /** Innermost open container, the last element of `stack`. */
  private current: Frame | undefined;
  private readonly memosByDepth: KeyMemo[][][] = [];
  private readonly parts: string[] = [];
  private copied = 0;
  private expect = Expect.Value;
  private readonly hits: Hit[];
  private hitIndex = 0;
  private backslash = -1;
  private colon = -1;
  private equals = -1;
  /** Stack depth at which a container under a sensitive key started, or -1. */
  private maskedDepth = -1;
  private maskedStart = 0;
  private maskedRule = '';
  private maskedPath = '';

  constructor(
    private readonly text: string,
    private readonly context: RedactionContext,
    private readonly prefix: string,
    private readonly options: JsonScanOptions,
  ) {
    const hits = context.detectors.collect(text, undefined, true);
    this.hits = hits.length < 2 ? hits : hits.sort((a, b) => a.start - b.start);
  }

  run(): string {
    const text = this.text;
    const length = text.length;
    let position = 0;
    while (position < length) {
      const code = text.charCodeAt(position);
      if (isSpace(code)) {
        position++;
      } else if (code === 0x22) {
        position = this.string(position);
      } else if (code === 0x7b || code === 0x5b) {
        this.open(position, code === 0x7b);
        position++;
      } else if (code === 0x7d || code === 0x5d) {
        this.close(position, code === 0x7d);
        position++;
      } else if (code === 0x3a) {
        this.require(this.expect === Expect.Colon);
        this.expect = Expect.Value;
        position++;
      } else if (code === 0x2c) {
        this.comma();
        position++;
      } else {
        position = this.scalar(position);
      }
    }
    this.finish();
    if (this.parts.length === 0) {
      return text;
    }
    this.parts.push(text.slice(this.copied));
    return this.parts.join('');
  }

  private require(condition: boolean): void {
    if (!condition) {
      throw INVALID;
    }
  }

  private top(): Frame | undefined {
    return this.current;
  }

  private get masking(): boolean {
    return this.maskedDepth >= 0;
  }

  private expectsValue(): boolean {
    return (
      this.expect === Expect.Value ||
      this.expect === Expect.ValueOrClose ||
      this.expect === Expect.End
    );
  }

  private afterValue(): void {
    this.expect = this.stack.length === 0 ? Expect.End : Expect.CommaOrClose;
  }

  /** Returns the rule of the value about to be read, when it sits under a sensitive key. */
  private valueRule(): string | undefined {
    const top = this.top();
    return top !== undefined && top.isObject ? top.rule : undefined;
  }

  private open(position: number, isObject: boolean): void {
    this.require(this.expectsValue());
    const rule = this.masking ? undefined : this.valueRule();
    if (rule !== undefined) {
      this.maskedDepth = this.stack.length;
      this.maskedStart = position;
      this.maskedRule = rule;
      this.maskedPath = this.path();
    }
    const depth = this.stack.length;
    const memos = (this.memosByDepth[depth] ??= []);
    this.current = {
      isObject,
      index: 0,
      member: 0,
      key: '',
      rule: undefined,
      memo: undefined,
      memos,
    };
    this.stack.push(this.current);
    this.expect = isObject ? Expect.KeyOrClose : Expect.ValueOrClose;
  }

  private close(position: number, isObject: boolean): void {
    const top = this.top();
    this.require(top !== undefined && top.isObject === isObject);
    this.require(
      this.expect === Expect.CommaOrClose ||
        this.expect === (isObject ? Expect.KeyOrClose : Expect.ValueOrClose),
    );
    this.stack.pop();
    this.current = this.stack[this.stack.length - 1];
    this.afterValue();
    if (this.stack.length === this.maskedDepth) {
      this.maskContainer(position + 1);
    }
  }

  private comma(): void {
    this.require(this.expect === Expect.CommaOrClose);
    const top = this.top() as Frame;
    if (top.isObject) {
      top.rule = undefined;
      top.member++;
      this.expect = Expect.Key;
    } else {
      top.index++;
      this.expect = Expect.Value;
    }
  }

  /** Writes the mask of a container under a sensitive key, which ends at `end`. */
  private maskContainer(end: number): void {
    const start = this.maskedStart;
    this.maskedDepth = -1;
    this.dropHits(end);
    const raw = this.text.slice(start, end);
    const replacement = replaceValue(
      this.context,
      this.maskedRule,
      raw,
      this.maskedPath,
      end === this.text.length,
    );
    if (replacement !== undefined) {
      this.replace(start, end, JSON.stringify(replacement));
    }
  }

  private finish(): void {
    if (this.expect === Expect.End && !this.masking) {
      return;
    }
    this.require(this.options.truncated);
    if (this.masking) {
      this.maskContainer(this.text.length);
    }
  }

  /** Handles the string token at `start` and returns the offset after it. */
  private string(start: number): number {
    const text = this.text;
    let end = text.indexOf('"', start + 1);
    if (this.backslash < start) {
      this.backslash = text.indexOf('\\', start);
      if (this.backslash < 0) {
        this.backslash = text.length;
      }
    }
    const escaped = this.backslash < (end < 0 ? text.length : end);
    if (escaped) {
      end = this.escapedStringEnd(this.backslash);
    }
    const closed = end >= 0 && end < text.length;
    if (!closed) {
      this.require(this.options.truncated);
      end = text.length;
    }
    const tokenEnd = closed ? end + 1 : end;
    if (this.expect === Expect.Key || this.expect === Expect.KeyOrClose) {
      this.key(start, end, escaped, closed);
      this.expect = Expect.Colon;
    } else {
      this.require(this.expectsValue());
      if (!this.masking) {
        this.stringValue(start, end, escaped, closed);
      }
      this.afterValue();
    }
    return tokenEnd;
  }

  /** Returns the offset of the closing quote of a string with escapes, or -1 when it is cut. */
  private escapedStringEnd(from: number): number {
    const text = this.text;
    let position = from;
    while (position < text.length) {
      const code = text.charCodeAt(position);
      if (code === 0x5c) {
        position += 2;
      } else if (code === 0x22) {
        return position;
      } else {
        position++;
      }
    }
    return -1;
  }

  private key(
    start: number,
    end: number,
    escaped: boolean,
    closed: boolean,
  ): void {
    const top = this.top();
    this.require(top !== undefined && top.isObject);
    const frame = top as Frame;
    // Records of one array repeat their keys in order, so a key is first
    // compared with the one at the same depth and position, which avoids
    // creating and hashing a string per key.
    const memos = (frame.memos[frame.member] ??= []);
    const memo = escaped
      ? undefined
      : this.findMemo(memos, start + 1, end - start - 1);
    frame.memo = memo;
    if (memo !== undefined) {
      frame.key = memo.key;
      frame.rule = this.masking ? undefined : memo.rule;
    } else {
      let key: string;
      try {
        key = escaped
          ? decodeString(this.text, start, end + (closed ? 1 : 0), closed)
          : this.text.slice(start + 1, end);
      } catch {
        throw INVALID;
      }
      frame.key = key;
      frame.rule = undefined;
      if (this.masking) {
        return;
      }
      frame.rule = this.context.keys.match(key);
      frame.memo = { key, rule: frame.rule, segment: undefined };
      memos.unshift(frame.memo);
      if (memos.length > MAX_MEMOS) {
        memos.pop();
      }
    }
    if (this.masking) {
      return;
    }
    const key = frame.key;
    const hits = escaped ? undefined : this.takeHits(start + 1, end);
    // NOTE: keys skip the detectors that need ':' or '=' (key_value, ipv6,
    // url_credentials) unless they contain escapes. A key such as
    // "password=x" is rare, and checking every key costs a search each.
    const found = hits ?? this.context.detectors.find(key);
    if (found.length === 0) {
      return;
    }
    const redacted = applyHits(key, found, this.context);
    frame.key = redacted;
    frame.memo = undefined;
    reportHits(found, this.context, this.path());
    if (escaped) {
      this.replace(start, end + (closed ? 1 : 0), quote(redacted, closed));
    } else {
      this.replace(start + 1, end, redacted);
    }
  }

  private findMemo(
    memos: readonly KeyMemo[],
    start: number,
    length: number,
  ): KeyMemo | undefined {
    for (let i = 0; i < memos.length; i++) {
      const memo = memos[i];
      if (memo.key.length === length && this.keyAt(memo.key, start)) {
        return memo;
      }
    }
    return undefined;
  }

  /** Returns whether `key` is written in the text at `start`, comparing characters in place. */
  private keyAt(key: string, start: number): boolean {
    const text = this.text;
    for (let i = 0; i < key.length; i++) {
      if (text.charCodeAt(start + i) !== key.charCodeAt(i)) {
        return false;
      }
    }
    return true;
  }

  private stringValue(
    start: number,
    end: number,
    escaped: boolean,
    closed: boolean,
  ): void {
    const tokenEnd = closed ? end + 1 : end;
    const rule = this.valueRule();
    if (rule !== undefined) {
      this.dropHits(tokenEnd);
      const value = escaped
        ? this.decode(start, tokenEnd, closed)
        : this.text.slice(start + 1, end);
      const replacement = replaceValue(
        this.context,
        rule,
        value,
        this.path(),
        !closed,
      );
      if (replacement !== undefined) {
        this.replace(start, tokenEnd, quote(replacement, closed));
      }
      return;
    }
    const firstContent = this.text.charCodeAt(start + 1);
    const mayBeJson =
      firstContent === 0x7b || firstContent === 0x5b || isSpace(firstContent);
    if (
      mayBeJson &&
      this.options.depth < MAX_NESTED_DEPTH &&
      this.nestedJson(start, tokenEnd, escaped, closed)
    ) {
      return;
    }
    const raw = escaped ? undefined : this.takeHits(start + 1, end);
    const hits =
      raw === undefined ? undefined : this.withSeparated(raw, start + 1, end);
    if (hits !== undefined && hits.length === 0 && closed) {
      return;
    }
    const value = escaped
      ? this.decode(start, tokenEnd, closed)
      : this.text.slice(start + 1, end);
    const path = this.path();
    const redacted = redactToken(
      value,
      hits ?? this.context.detectors.find(value, this.top()?.key),
      this.context,
      path,
      !closed,
    );
    if (redacted === value) {
      return;
    }
    if (escaped) {
      this.replace(start, tokenEnd, quote(redacted, closed));
    } else {
      this.replace(start + 1, end, redacted);
    }
  }

  /** Redacts a string whose content is a JSON document. Returns false when it is not one. */
  private nestedJson(
    start: number,
    tokenEnd: number,
    escaped: boolean,
    closed: boolean,
  ): boolean {
    const value = escaped
      ? this.decode(start, tokenEnd, closed)
      : this.text.slice(start + 1, tokenEnd - (closed ? 1 : 0));
    if (!closed || !looksLikeJsonText(value)) {
      return false;
    }
    const inner = redactJsonScan(value, this.context, this.path(), {
      truncated: false,
      depth: this.options.depth + 1,
    });
    if (inner === undefined) {
      return false;
    }
    this.dropHits(tokenEnd);
    if (inner !== value) {
      this.replace(start, tokenEnd, JSON.stringify(inner));
    }
    return true;
  }

  private decode(start: number, tokenEnd: number, closed: boolean): string {
    try {
      return decodeString(this.text, start, tokenEnd, closed);
    } catch {
      throw INVALID;
    }
  }

  /** Handles a number or literal at `start` and returns the offset after it. */
  private scalar(start: number): number {
    const text = this.text;
    let end = start;
    while (end < text.length && isScalarChar(text.charCodeAt(end))) {
      end++;
    }
    this.require(end > start && this.expectsValue());
    const token = text.slice(start, end);
    const cut = end === text.length && this.options.truncated;
    const isLiteral = token === 'true' || token === 'false' || token === 'null';
    this.require(isLiteral || NUMBER.test(token) || cut);
    if (!this.masking) {
      this.scalarValue(start, end, token, cut);
    }
    this.afterValue();
    return end;
  }

  private scalarValue(
    start: number,
    end: number,
    token: string,
    cut: boolean,
  ): void {
    const rule = this.valueRule();
    if (rule !== undefined) {
      this.dropHits(end);
      if (token === 'null') {
        return;
      }
      const replacement = replaceValue(
        this.context,
        rule,
        token,
        this.path(),
        cut,
      );
      if (replacement !== undefined) {
        this.replace(start, end, JSON.stringify(replacement));
      }
      return;
    }
    const hits =
      this.takeHits(start, end) ?? this.context.detectors.find(token);
    if (hits.length === 0 && !cut) {
      return;
    }
    const path = this.path();
    const redacted = redactToken(token, hits, this.context, path, cut);
    // A masked number is written as a string, so the JSON stays valid.
    if (redacted !== token) {
      this.replace(start, end, JSON.stringify(redacted));
    }
  }

  /**
   * Returns the detections inside text[from, to), relative to `from`, or
   * undefined when one crosses the range's edge, so the caller scans the
   * decoded value instead.
   */
  private takeHits(from: number, to: number): Hit[] | undefined {
    const hits = this.hits;
    while (this.hitIndex < hits.length && hits[this.hitIndex].end <= from) {
      this.hitIndex++;
    }
    let inside: Hit[] | undefined;
    let crossing = false;
    let index = this.hitIndex;
    while (index < hits.length && hits[index].start < to) {
      const hit = hits[index];
      if (hit.start >= from && hit.end <= to) {
        inside ??= [];
        inside.push({
          start: hit.start - from,
          end: hit.end - from,
          type: hit.type,
        });
      } else {
        crossing = true;
      }
      index++;
    }
    if (crossing) {
      return undefined;
    }
    return inside === undefined ? NO_HITS : resolveOverlaps(inside);
  }

  /**
   * Adds the detections of the detectors that need ':' or '=' (which the
   * scan of the whole document leaves out) when text[from, to) contains
   * one of them. Returns the hits relative to `from`, without overlaps.
   */
  private withSeparated(hits: Hit[], from: number, to: number): Hit[] {
    const text = this.text;
    if (this.colon < from) {
      this.colon = text.indexOf(':', from);
      this.colon = this.colon < 0 ? text.length : this.colon;
    }
    if (this.equals < from) {
      this.equals = text.indexOf('=', from);
      this.equals = this.equals < 0 ? text.length : this.equals;
    }
    if (this.colon >= to && this.equals >= to) {
      return hits;
    }
    const separated = this.context.detectors.collectSeparated(
      text.slice(from, to),
      this.top()?.key,
    );
    return separated.length === 0
      ? hits
      : resolveOverlaps([...hits, ...separated]);
  }

  /** Skips the detections that start before `end`, inside a value that is masked whole. */
  private dropHits(end: number): void {
    while (
      this.hitIndex < this.hits.length &&
      this.hits[this.hitIndex].start < end
    ) {
      this.hitIndex++;
    }
  }

  private replace(start: number, end: number, replacement: string): void {
    this.parts.push(this.text.slice(this.copied, start), replacement);
    this.copied = end;
  }

  /** Returns the finding path of the current value, or of the first `count` containers. */
  private path(count = this.stack.length): string {
    const stack = this.stack;
    return joinPath(this.prefix, count, (i) => {
      const frame = stack[i];
      return frame.isObject ? segmentOf(frame) : indexSegment(frame.index);
    });
  }
}
