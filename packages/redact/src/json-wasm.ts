import type { RedactionContext } from './context';
import { replaceValue } from './context';
import { resolveOverlaps } from './detector-set';
import type { Hit } from './detectors/detector';
import { redactJsonScan } from './json-scan';
import {
  decodeString,
  looksLikeJsonText,
  quote,
  redactToken,
} from './json-string';
import { indexSegment, joinPath, keySegment, MAX_SEGMENTS } from './path';
import { BufferedReporter } from './reporter';
import { applyHits, reportHits } from './text-scan';
import type { DetectorPlan } from './token-hits';
import { CROSSING, planOf, tokenHits } from './token-hits';
import type { Scanner, ScannerCallbacks } from './wasm-module';
import { disableScanner, isTrap, loadScanner, writeText } from './wasm-module';
import { ScanResult, TokenFlag, TokenKind } from './wasm-flags';

/**
 * Maximum length of a text, in UTF-16 code units, that the WebAssembly scan takes.
 * WebAssembly memory never shrinks, so the scanner keeps the memory of the
 * largest text it read: 2 bytes per code unit.
 */
export const MAX_WASM_TEXT = 1 << 20;

// Thrown by a callback when the text turns out not to be JSON.
const INVALID = new Error('invalid JSON');

// Objects at one depth often alternate between a few shapes, so a few
// keys are remembered per frame.
const MAX_KEY_MEMOS = 4;

/** A key of a frame and its path segment. */
interface KeyMemo {
  readonly key: string;
  readonly segment: string;
}

// The flags of the detectors whose detections may run past their token.
const SPANNING = TokenFlag.PrivateKey | TokenFlag.Digest;

/** The rule ids of one set of key rules, shared with the scanner's key table. */
class RuleIds {
  readonly names: (string | undefined)[] = [undefined];
  private readonly ids = new Map<string, number>();

  idOf(rule: string | undefined): number {
    if (rule === undefined) {
      return 0;
    }
    let id = this.ids.get(rule);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(rule);
      this.ids.set(rule, id);
    }
    return id;
  }
}

const ruleIds = new WeakMap<object, RuleIds>();

// A RegExp key rule names its type after the key, so the ids of one set
// of rules can grow with the keys a process reads. Past this many, they
// start again with an empty key table.
const MAX_RULE_IDS = 4096;

function ruleIdsOf(keys: object): RuleIds {
  let ids = ruleIds.get(keys);
  if (ids === undefined) {
    ids = new RuleIds();
    ruleIds.set(keys, ids);
  }
  return ids;
}

/**
 * Returns the scanner with `text` in its memory and the key table of
 * `context`'s key rules, or undefined when it is not available.
 */
function scannerFor(
  text: string,
  context: RedactionContext,
): Scanner | undefined {
  const scanner = loadScanner();
  // A scan in progress means a nested call, which the JavaScript scan takes.
  if (scanner === undefined || scanner.callbacks !== undefined) {
    return undefined;
  }
  if (!writeText(scanner, text)) {
    return undefined;
  }
  if (ruleIdsOf(context.keys).names.length > MAX_RULE_IDS) {
    ruleIds.set(context.keys, new RuleIds());
    scanner.keys = undefined;
  }
  // The key table contains the rule ids of one set of rules at a time.
  if (scanner.keys !== context.keys) {
    scanner.exports.resetKeys();
    scanner.keys = context.keys;
  }
  return scanner;
}

/**
 * Redacts JSON with the WebAssembly scanner. Returns the same text and
 * reports the same findings, in the same order, as the JavaScript scan,
 * or returns `false` when the JavaScript scan must run instead: no
 * scanner, a text over {@link MAX_WASM_TEXT}, custom value detectors, a
 * scan already in progress, text that is not JSON, and the rare layouts
 * listed in the scanner.
 */
export function redactJsonWasm(
  text: string,
  context: RedactionContext,
  prefix: string,
  truncated: boolean,
): string | false {
  const plan = planOf(context.detectors);
  if (plan === undefined || text.length > MAX_WASM_TEXT) {
    return false;
  }
  const scanner = scannerFor(text, context);
  if (scanner === undefined) {
    return false;
  }

  // Findings wait until the scan succeeds, because a scan that gives up
  // midway hands the text to the JavaScript scan, which reports again.
  // Without a sink there is nothing to hold back.
  const findings = context.reporter.hasSink
    ? new BufferedReporter()
    : undefined;
  const scanContext: RedactionContext =
    findings === undefined ? context : { ...context, reporter: findings };
  const scan = new WasmScan(text, scanContext, prefix, plan, scanner);

  scanner.callbacks = scan;
  let result: ScanResult;
  try {
    result = scanner.exports.scan(text.length, truncated ? 1 : 0);
  } catch (error) {
    if (error === INVALID || error === CROSSING) {
      return false;
    }
    if (isTrap(error)) {
      disableScanner(error);
      return false;
    }
    throw error;
  } finally {
    scanner.callbacks = undefined;
  }

  if (result !== ScanResult.Ok) {
    return false;
  }
  findings?.flushTo(context.reporter);
  return scan.output();
}

/** The JavaScript half of one scan: it redacts the tokens the scanner passes, as the JavaScript scan would. */
class WasmScan implements ScannerCallbacks {
  private readonly parts: string[] = [];
  private copied = 0;
  private readonly rules: RuleIds;
  /** The scanner's stack frames. The memory grows only before a scan, so the view stays valid during one. */
  private readonly frames: Int32Array;
  /** Keys with a detection, written redacted into paths, by frame. */
  private readonly redactedKeys: (string | undefined)[] = [];
  private readonly redactedKeyStarts: number[] = [];
  /** Path segments of the keys of this text, formatted once each. */
  private readonly segments = new Map<string, string>();
  /** Recent keys of each frame with their path segments, most recent first. */
  private readonly keyMemos: KeyMemo[][] = [];

  constructor(
    private readonly text: string,
    private readonly context: RedactionContext,
    private readonly prefix: string,
    private readonly plan: DetectorPlan,
    scanner: Scanner,
  ) {
    this.rules = ruleIdsOf(context.keys);
    this.frames = new Int32Array(
      scanner.exports.memory.buffer,
      scanner.stackOffset,
    );
  }

  output(): string {
    if (this.parts.length === 0) {
      return this.text;
    }
    this.parts.push(this.text.slice(this.copied));
    return this.parts.join('');
  }

  keyRule(start: number, end: number, escaped: number): number {
    const closed = end < this.text.length;
    const key =
      escaped === 1
        ? this.decode(start, closed ? end + 1 : end, closed)
        : this.text.slice(start + 1, end);
    return this.rules.idOf(this.context.keys.match(key));
  }

  token(
    kind: number,
    start: number,
    end: number,
    flags: number,
    rule: number,
    depth: number,
  ): number {
    switch (kind as TokenKind) {
      case TokenKind.Key:
        this.key(start, end, flags, depth);
        break;
      case TokenKind.String:
        this.stringValue(start, end, flags, rule, depth);
        break;
      case TokenKind.Scalar:
        this.scalarValue(start, end, flags, rule, depth);
        break;
      case TokenKind.Container:
        this.maskContainer(start, end, rule, depth);
        break;
    }
    return 0;
  }

  private ruleName(rule: number): string {
    return this.rules.names[rule] as string;
  }

  private key(start: number, end: number, flags: number, depth: number): void {
    const closed = (flags & TokenFlag.Closed) !== 0;
    const escaped = (flags & TokenFlag.Escaped) !== 0;
    let key: string;
    let found: Hit[];
    if (escaped) {
      this.checkSpanning(start + 1, end, flags);
      key = this.decode(start, end + (closed ? 1 : 0), closed);
      found = this.context.detectors.find(key);
    } else {
      key = this.text.slice(start + 1, end);
      found = this.hits(start + 1, end, flags);
    }
    if (found.length === 0) {
      return;
    }
    const redacted = applyHits(key, found, this.context);
    this.redactedKeys[depth - 1] = redacted;
    this.redactedKeyStarts[depth - 1] = start;
    reportHits(found, this.context, this.path(depth));
    if (escaped) {
      this.replace(start, end + (closed ? 1 : 0), quote(redacted, closed));
    } else {
      this.replace(start + 1, end, redacted);
    }
  }

  private stringValue(
    start: number,
    end: number,
    flags: number,
    rule: number,
    depth: number,
  ): void {
    const closed = (flags & TokenFlag.Closed) !== 0;
    const escaped = (flags & TokenFlag.Escaped) !== 0;
    const tokenEnd = closed ? end + 1 : end;
    if (rule !== 0) {
      const value = escaped
        ? this.decode(start, tokenEnd, closed)
        : this.text.slice(start + 1, end);
      const replacement = replaceValue(
        this.context,
        this.ruleName(rule),
        value,
        this.path(depth),
        !closed,
      );
      if (replacement !== undefined) {
        this.replace(start, tokenEnd, quote(replacement, closed));
      }
      return;
    }
    if (
      (flags & TokenFlag.Nested) !== 0 &&
      this.nestedJson(start, tokenEnd, escaped, closed, depth)
    ) {
      return;
    }
    let hits: Hit[];
    let value: string;
    if (escaped) {
      this.checkSpanning(start + 1, end, flags);
      value = this.decode(start, tokenEnd, closed);
      hits = this.context.detectors.find(value, this.hint(depth));
    } else {
      hits = this.hits(start + 1, end, flags);
      if ((flags & TokenFlag.Separated) !== 0) {
        hits = this.withSeparated(hits, start + 1, end, depth);
      }
      if (hits.length === 0 && closed) {
        return;
      }
      value = this.text.slice(start + 1, end);
    }
    const path = this.path(depth);
    const redacted = redactToken(value, hits, this.context, path, !closed);
    if (redacted === value) {
      return;
    }
    if (escaped) {
      this.replace(start, tokenEnd, quote(redacted, closed));
    } else {
      this.replace(start + 1, end, redacted);
    }
  }

  /** Redacts a string whose content is a JSON document with the JavaScript scan. Returns false when it is not one. */
  private nestedJson(
    start: number,
    tokenEnd: number,
    escaped: boolean,
    closed: boolean,
    depth: number,
  ): boolean {
    const value = escaped
      ? this.decode(start, tokenEnd, closed)
      : this.text.slice(start + 1, tokenEnd - (closed ? 1 : 0));
    if (!closed || !looksLikeJsonText(value)) {
      return false;
    }
    const inner = redactJsonScan(value, this.context, this.path(depth), {
      truncated: false,
      depth: 1,
    });
    if (inner === undefined) {
      return false;
    }
    if (inner !== value) {
      this.replace(start, tokenEnd, JSON.stringify(inner));
    }
    return true;
  }

  private scalarValue(
    start: number,
    end: number,
    flags: number,
    rule: number,
    depth: number,
  ): void {
    const token = this.text.slice(start, end);
    const cut = (flags & TokenFlag.Cut) !== 0;
    if (rule !== 0) {
      if (token === 'null') {
        return;
      }
      const replacement = replaceValue(
        this.context,
        this.ruleName(rule),
        token,
        this.path(depth),
        cut,
      );
      if (replacement !== undefined) {
        this.replace(start, end, JSON.stringify(replacement));
      }
      return;
    }
    const hits = this.hits(start, end, flags);
    if (hits.length === 0 && !cut) {
      return;
    }
    const path = this.path(depth);
    const redacted = redactToken(token, hits, this.context, path, cut);
    // A masked number is written as a string, so the JSON stays valid.
    if (redacted !== token) {
      this.replace(start, end, JSON.stringify(redacted));
    }
  }

  private maskContainer(
    start: number,
    end: number,
    rule: number,
    depth: number,
  ): void {
    const replacement = replaceValue(
      this.context,
      this.ruleName(rule),
      this.text.slice(start, end),
      this.path(depth),
      end === this.text.length,
    );
    if (replacement !== undefined) {
      this.replace(start, end, JSON.stringify(replacement));
    }
  }

  /** Returns the document-pass detections inside text[from, to), as the JavaScript scan maps them to the token. */
  private hits(from: number, to: number, flags: number): Hit[] {
    this.checkDigestEnd(to, flags);
    return tokenHits(this.text, from, to, flags, this.plan);
  }

  /**
   * Throws {@link CROSSING} when a detection of the document pass starts
   * in the escaped string text[from, to) and runs past it, which would
   * change how the JavaScript scan reads the tokens after it.
   */
  private checkSpanning(from: number, to: number, flags: number): void {
    if ((flags & SPANNING) === 0) {
      return;
    }
    this.checkDigestEnd(to, flags);
    tokenHits(this.text, from, to, flags & SPANNING, this.plan);
  }

  /**
   * Throws {@link CROSSING} for Digest parameters that end with '=' at the
   * closing quote, because the Digest detector reads a quoted value from
   * there into the next tokens.
   */
  private checkDigestEnd(to: number, flags: number): void {
    if (
      (flags & TokenFlag.Digest) !== 0 &&
      this.text.charCodeAt(to - 1) === 0x3d
    ) {
      throw CROSSING;
    }
  }

  /** Adds the detections of the detectors that need ':' or '=' in text[from, to). */
  private withSeparated(
    hits: Hit[],
    from: number,
    to: number,
    depth: number,
  ): Hit[] {
    const separated = this.context.detectors.collectSeparated(
      this.text.slice(from, to),
      this.hint(depth),
    );
    return separated.length === 0
      ? hits
      : resolveOverlaps([...hits, ...separated]);
  }

  private decode(start: number, tokenEnd: number, closed: boolean): string {
    try {
      return decodeString(this.text, start, tokenEnd, closed);
    } catch {
      throw INVALID;
    }
  }

  private replace(start: number, end: number, replacement: string): void {
    this.parts.push(this.text.slice(this.copied, start), replacement);
    this.copied = end;
  }

  /** Returns the current key of the object at frame `index`, as the JavaScript scan stores it. */
  private keyAt(index: number): string {
    const frames = this.frames;
    const flags = frames[index * 4];
    const start = frames[index * 4 + 2];
    const end = frames[index * 4 + 3];
    if (start < 0) {
      return '';
    }
    if (this.redactedKeyStarts[index] === start) {
      return this.redactedKeys[index] as string;
    }
    if ((flags & 2) === 0) {
      return this.text.slice(start + 1, end);
    }
    const closed = (flags & 4) !== 0;
    return this.decode(start, end + (closed ? 1 : 0), closed);
  }

  /** Returns the key or field name that detectors take as context for a value at `depth`. */
  private hint(depth: number): string | undefined {
    if (depth === 0) {
      return undefined;
    }
    const isObject = (this.frames[(depth - 1) * 4] & 1) !== 0;
    return isObject ? this.keyAt(depth - 1) : '';
  }

  private segmentOf(key: string): string {
    let segment = this.segments.get(key);
    if (segment === undefined) {
      segment = keySegment(key);
      this.segments.set(key, segment);
    }
    return segment;
  }

  /**
   * Returns the path segment of the current key of the object at frame
   * `index`. Records repeat their keys, so an unescaped key is first
   * compared in place with the recent keys of the same frame, which saves
   * copying it out of the text and hashing it.
   */
  private keySegmentAt(index: number): string {
    const frames = this.frames;
    const start = frames[index * 4 + 2];
    const plain = (frames[index * 4] & 2) === 0 && start >= 0;
    // A redacted key has another segment than the key it was read as.
    if (!plain || this.redactedKeyStarts[index] === start) {
      return this.segmentOf(this.keyAt(index));
    }
    const end = frames[index * 4 + 3];
    const memos = (this.keyMemos[index] ??= []);
    for (const memo of memos) {
      if (
        memo.key.length === end - start - 1 &&
        this.text.startsWith(memo.key, start + 1)
      ) {
        return memo.segment;
      }
    }
    const key = this.text.slice(start + 1, end);
    const segment = this.segmentOf(key);
    memos.unshift({ key, segment });
    if (memos.length > MAX_KEY_MEMOS) {
      memos.pop();
    }
    return segment;
  }

  private segmentAt(index: number): string {
    const frames = this.frames;
    return (frames[index * 4] & 1) !== 0
      ? this.keySegmentAt(index)
      : indexSegment(frames[index * 4 + 1]);
  }

  /** Returns the finding path of a value inside the first `depth` containers. */
  private path(depth: number): string {
    if (depth > MAX_SEGMENTS) {
      return joinPath(this.prefix, depth, (i) => this.segmentAt(i));
    }
    // The loop of joinPath for a path it keeps whole, without its callback,
    // which is called from several scans and so is not inlined.
    let path = this.prefix;
    for (let i = 0; i < depth; i++) {
      path += this.segmentAt(i);
    }
    return path;
  }
}
