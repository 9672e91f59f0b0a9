import { createScanner, ScanError, SyntaxKind } from 'jsonc-parser';
import type { JSONScanner } from 'jsonc-parser';
import type { RedactionContext } from './context';
import { replaceValue } from './context';
import { maskCutTail } from './cut-tail';
import { indexSegment, joinPath, keySegment } from './path';
import { applyHits, redactText, reportHits } from './text-scan';

interface Container {
  readonly isObject: boolean;
  index: number;
  key: string | undefined;
  rule: string | undefined;
  expectKey: boolean;
  valueSeen: boolean;
}

/**
 * Redacts JSON that JSON.parse rejects, such as a body cut by a size limit,
 * in one pass over its tokens. Layout is kept, and every byte that is not
 * inside a string goes through the value detectors.
 */
export function redactJsonText(
  text: string,
  context: RedactionContext,
  prefix: string,
  truncated: boolean,
): string {
  return new TextPass(text, context, prefix, truncated).run();
}

class TextPass {
  private readonly scanner: JSONScanner;
  private readonly stack: Container[] = [];
  private readonly output: string[] = [];
  /** Start of the text not yet written to the output. */
  private rawStart = 0;
  /** End of the raw text the detectors have seen. */
  private scanned = 0;

  constructor(
    private readonly text: string,
    private readonly context: RedactionContext,
    private readonly prefix: string,
    private readonly truncated: boolean,
  ) {
    this.scanner = createScanner(text, true);
  }

  run(): string {
    let kind = this.scanner.scan();
    while (kind !== SyntaxKind.EOF) {
      this.token(kind);
      kind = this.scanner.scan();
    }
    this.flushRaw(this.text.length);
    this.output.push(this.text.slice(this.rawStart));
    const output = this.output.join('');
    // A value cut by the size limit may be the start of a secret that the
    // detectors cannot confirm.
    return this.truncated
      ? maskCutTail(output, this.context, this.path())
      : output;
  }

  private token(kind: SyntaxKind): void {
    const top = this.stack[this.stack.length - 1] as Container | undefined;
    if (kind >= SyntaxKind.OpenBraceToken && kind <= SyntaxKind.ColonToken) {
      // Raw text is checked before each structural token, while the path
      // still points at the value it belongs to.
      this.flushRaw(this.scanner.getTokenOffset());
    }
    switch (kind) {
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken:
        this.open(top, kind === SyntaxKind.OpenBraceToken);
        return;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        this.stack.pop();
        return;
      case SyntaxKind.ColonToken:
        if (top?.isObject === true) {
          top.expectKey = false;
        }
        return;
      case SyntaxKind.CommaToken:
        this.nextMember(top);
        return;
      default:
        this.scalar(top, kind);
    }
  }

  private open(top: Container | undefined, isObject: boolean): void {
    if (this.isSensitiveSlot(top)) {
      this.maskContainer(top);
      return;
    }
    if (top !== undefined) {
      top.valueSeen = true;
    }
    this.stack.push({
      isObject,
      index: 0,
      key: undefined,
      rule: undefined,
      expectKey: isObject,
      valueSeen: false,
    });
  }

  private nextMember(top: Container | undefined): void {
    if (top === undefined) {
      return;
    }
    if (top.isObject) {
      top.expectKey = true;
      top.key = undefined;
      top.rule = undefined;
      top.valueSeen = false;
    } else {
      top.index++;
    }
  }

  private scalar(top: Container | undefined, kind: SyntaxKind): void {
    const isKeyPosition = top?.isObject === true && top.expectKey;
    if (kind === SyntaxKind.StringLiteral) {
      if (isKeyPosition) {
        this.key(top, this.scanner.getTokenValue());
      } else {
        this.stringValue(top);
      }
      return;
    }
    if (isKeyPosition && kind === SyntaxKind.Unknown) {
      // An unquoted or single-quoted key, as in JavaScript object literals.
      this.key(top, this.scanner.getTokenValue().replace(/^'|'$/g, ''));
      return;
    }
    this.bareValue(top, kind);
  }

  private key(top: Container, key: string): void {
    top.expectKey = false;
    top.rule = this.context.keys.match(key);
    const hits = this.context.detectors.find(key);
    if (hits.length === 0) {
      top.key = key;
      return;
    }
    const redacted = applyHits(key, hits, this.context);
    top.key = redacted;
    this.replaceToken(JSON.stringify(redacted));
    reportHits(hits, this.context, this.path());
  }

  private stringValue(top: Container | undefined): void {
    const unterminated =
      this.scanner.getTokenError() === ScanError.UnexpectedEndOfString;
    const closing = unterminated ? '' : '"';
    if (this.isSensitiveSlot(top)) {
      top.valueSeen = true;
      const replacement = replaceValue(
        this.context,
        top.rule,
        this.scanner.getTokenValue(),
        this.path(),
        unterminated,
      );
      if (replacement === undefined) {
        this.keepToken();
      } else {
        this.replaceToken(`"${replacement}${closing}`);
      }
      return;
    }
    if (top !== undefined) {
      top.valueSeen = true;
    }
    const value = this.scanner.getTokenValue();
    const hits = this.context.detectors.find(value, top?.key);
    if (hits.length === 0) {
      this.keepToken();
      return;
    }
    const quoted = JSON.stringify(applyHits(value, hits, this.context));
    this.replaceToken(quoted.slice(0, quoted.length - 1) + closing);
    reportHits(hits, this.context, this.path());
  }

  private bareValue(top: Container | undefined, kind: SyntaxKind): void {
    if (!this.isSensitiveSlot(top)) {
      if (top !== undefined) {
        top.valueSeen = true;
      }
      if (kind === SyntaxKind.NumericLiteral) {
        this.numberValue();
      }
      // Other tokens stay in the raw text, where the detectors see them
      // together with their neighbours.
      return;
    }
    top.valueSeen = true;
    if (kind === SyntaxKind.NullKeyword) {
      return;
    }
    const start = this.scanner.getTokenOffset();
    if (this.text.charCodeAt(start) === 0x27) {
      this.skipSingleQuoted(start);
    }
    const end = this.scanner.getPosition();
    const replacement = replaceValue(
      this.context,
      top.rule,
      this.text.slice(start, end),
      this.path(),
      end === this.text.length,
    );
    if (replacement !== undefined) {
      this.replaceRange(start, end, JSON.stringify(replacement));
    }
  }

  /** Masks a card number sent as a JSON number, writing the mask as a string so the JSON stays valid. */
  private numberValue(): void {
    const digits = this.tokenText();
    const hits = this.context.detectors.find(digits);
    if (hits.length === 0) {
      return;
    }
    const redacted = applyHits(digits, hits, this.context);
    if (redacted !== digits) {
      this.replaceToken(JSON.stringify(redacted));
    }
    reportHits(hits, this.context, this.path());
  }

  /** Moves the scanner past a single-quoted string, which the JSON scanner splits at spaces. */
  private skipSingleQuoted(start: number): void {
    const close = this.text.indexOf("'", start + 1);
    this.scanner.setPosition(close < 0 ? this.text.length : close + 1);
  }

  /** Replaces a whole container under a sensitive key, up to its matching close or the end. */
  private maskContainer(top: Container & { rule: string }): void {
    top.valueSeen = true;
    const start = this.scanner.getTokenOffset();
    let depth = 1;
    let kind = this.scanner.scan();
    while (kind !== SyntaxKind.EOF && depth > 0) {
      if (
        kind === SyntaxKind.OpenBraceToken ||
        kind === SyntaxKind.OpenBracketToken
      ) {
        depth++;
      } else if (
        kind === SyntaxKind.CloseBraceToken ||
        kind === SyntaxKind.CloseBracketToken
      ) {
        depth--;
      }
      if (depth > 0) {
        kind = this.scanner.scan();
      }
    }
    const end = depth === 0 ? this.scanner.getPosition() : this.text.length;
    const replacement = replaceValue(
      this.context,
      top.rule,
      this.text.slice(start, end),
      this.path(),
      depth > 0,
    );
    if (replacement !== undefined) {
      this.replaceRange(start, end, JSON.stringify(replacement));
    }
  }

  private isSensitiveSlot(
    top: Container | undefined,
  ): top is Container & { rule: string } {
    return (
      top !== undefined &&
      top.isObject &&
      !top.expectKey &&
      !top.valueSeen &&
      top.rule !== undefined
    );
  }

  private tokenText(): string {
    const start = this.scanner.getTokenOffset();
    return this.text.slice(start, start + this.scanner.getTokenLength());
  }

  /** Keeps the current token as written, without running the raw-text detectors over it again. */
  private keepToken(): void {
    const start = this.scanner.getTokenOffset();
    this.flushRaw(start);
    this.scanned = start + this.scanner.getTokenLength();
  }

  private replaceToken(replacement: string): void {
    const start = this.scanner.getTokenOffset();
    this.replaceRange(
      start,
      start + this.scanner.getTokenLength(),
      replacement,
    );
  }

  private replaceRange(start: number, end: number, replacement: string): void {
    this.flushRaw(start);
    this.output.push(this.text.slice(this.rawStart, start), replacement);
    this.rawStart = end;
    this.scanned = end;
  }

  /**
   * Runs the detectors over the raw text before `end` that was not scanned
   * yet. Unchanged text is not copied here but with the next replacement,
   * so a long document of small tokens is not split into as many strings.
   */
  private flushRaw(end: number): void {
    const from = Math.max(this.rawStart, this.scanned);
    if (end <= from) {
      return;
    }
    const raw = this.text.slice(from, end);
    const redacted = redactText(raw, this.context, this.path());
    this.scanned = end;
    if (redacted !== raw) {
      this.output.push(this.text.slice(this.rawStart, from), redacted);
      this.rawStart = end;
    }
  }

  private path(): string {
    const stack = this.stack;
    return joinPath(this.prefix, stack.length, (i) => {
      const container = stack[i];
      return container.isObject
        ? keySegment(container.key ?? '')
        : indexSegment(container.index);
    });
  }
}
