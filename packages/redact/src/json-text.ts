import { createScanner, ScanError, SyntaxKind } from 'jsonc-parser';
import type { JSONScanner } from 'jsonc-parser';
import type { RedactionContext } from './context';
import { mask } from './mask';
import { indexSegment, joinPath, keySegment } from './path';
import { applyHits, findHits, redactText } from './text-scan';

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
): string {
  return new TextPass(text, context, prefix).run();
}

class TextPass {
  private readonly scanner: JSONScanner;
  private readonly stack: Container[] = [];
  private readonly output: string[] = [];
  /** Start of the text not yet written to the output. */
  private rawStart = 0;

  constructor(
    private readonly text: string,
    private readonly context: RedactionContext,
    private readonly prefix: string,
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
    return this.output.join('');
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
    const hits = findHits(key, this.context.detectors);
    if (hits.length === 0) {
      top.key = key;
      return;
    }
    const redacted = applyHits(key, hits);
    top.key = redacted;
    this.replaceToken(JSON.stringify(redacted));
    for (const hit of hits) {
      this.report(hit.type);
    }
  }

  private stringValue(top: Container | undefined): void {
    const unterminated =
      this.scanner.getTokenError() === ScanError.UnexpectedEndOfString;
    const closing = unterminated ? '' : '"';
    if (this.isSensitiveSlot(top)) {
      top.valueSeen = true;
      this.replaceToken(`"${mask(top.rule)}${closing}`);
      this.report(top.rule);
      return;
    }
    if (top !== undefined) {
      top.valueSeen = true;
    }
    const value = this.scanner.getTokenValue();
    const hits = findHits(value, this.context.detectors);
    if (hits.length === 0) {
      this.replaceToken(this.tokenText());
      return;
    }
    const quoted = JSON.stringify(applyHits(value, hits));
    this.replaceToken(quoted.slice(0, quoted.length - 1) + closing);
    for (const hit of hits) {
      this.report(hit.type);
    }
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
    this.replaceRange(start, this.scanner.getPosition(), `"${mask(top.rule)}"`);
    this.report(top.rule);
  }

  /** Masks a card number sent as a JSON number, writing the mask as a string so the JSON stays valid. */
  private numberValue(): void {
    const digits = this.tokenText();
    const hits = findHits(digits, this.context.detectors);
    if (hits.length === 0) {
      return;
    }
    this.replaceToken(JSON.stringify(applyHits(digits, hits)));
    for (const hit of hits) {
      this.report(hit.type);
    }
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
    this.replaceRange(start, end, `"${mask(top.rule)}"`);
    this.report(top.rule);
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
    this.output.push(replacement);
    this.rawStart = end;
  }

  /** Writes the raw text before `end`, with the detectors applied. */
  private flushRaw(end: number): void {
    if (end <= this.rawStart) {
      return;
    }
    const raw = this.text.slice(this.rawStart, end);
    this.output.push(redactText(raw, this.context, this.path()));
    this.rawStart = end;
  }

  private report(type: string): void {
    this.context.reporter.report(type, this.path());
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
