import type { RedactionContext } from './context';
import { mask } from './mask';
import { keySegment } from './path';
import { redactText } from './text-scan';

function isNameStart(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    code === 0x5f
  );
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 0x30 && code <= 0x39);
}

function isIgnored(code: number): boolean {
  // Whitespace, line terminators, commas and the byte order mark are
  // insignificant in GraphQL documents.
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0x2c ||
    code === 0xfeff
  );
}

/**
 * Redacts a GraphQL document (application/graphql): literal values of
 * arguments and input fields named by a key rule are masked, and the rest
 * goes through the detectors. Layout is kept.
 */
export function redactGraphql(
  text: string,
  context: RedactionContext,
  prefix: string,
): string {
  return new GraphqlPass(text, context, prefix).run();
}

class GraphqlPass {
  private readonly output: string[] = [];
  private rawStart = 0;
  private lastName: string | undefined;
  /** Mask type for the next value, set after `name:` when the name matches a rule. */
  private pendingRule: string | undefined;
  private pendingPath = '';

  constructor(
    private readonly text: string,
    private readonly context: RedactionContext,
    private readonly prefix: string,
  ) {}

  run(): string {
    let position = 0;
    while (position < this.text.length) {
      position = this.token(position);
    }
    this.flushRaw(this.text.length);
    return this.output.join('');
  }

  /** Handles the token at `start` and returns the offset after it. */
  private token(start: number): number {
    const text = this.text;
    const code = text.charCodeAt(start);
    if (isIgnored(code)) {
      return start + 1;
    }
    if (code === 0x23) {
      const newline = text.indexOf('\n', start);
      return newline < 0 ? text.length : newline;
    }
    if (code === 0x3a) {
      this.expectValue();
      return start + 1;
    }
    const end = this.valueEnd(start, code);
    if (this.pendingRule !== undefined) {
      this.maskValue(start, end, code);
    }
    this.pendingRule = undefined;
    this.lastName = isNameStart(code) ? text.slice(start, end) : undefined;
    return end;
  }

  private expectValue(): void {
    const name = this.lastName;
    this.lastName = undefined;
    this.pendingRule =
      name === undefined ? undefined : this.context.keys.match(name);
    if (name !== undefined) {
      this.pendingPath = this.prefix + keySegment(name);
    }
  }

  private maskValue(start: number, end: number, code: number): void {
    const rule = this.pendingRule as string;
    const value = this.text.slice(start, end);
    // A variable's value travels outside the document, and null hides nothing.
    if (code === 0x24 || value === 'null') {
      return;
    }
    this.context.reporter.report(rule, this.pendingPath);
    this.replace(start, end, `"${mask(rule)}"`);
  }

  /** Returns the end of the token that starts at `start`. */
  private valueEnd(start: number, code: number): number {
    const text = this.text;
    if (code === 0x22) {
      return text.startsWith('"""', start)
        ? this.blockStringEnd(start)
        : this.stringEnd(start);
    }
    if (code === 0x5b || code === 0x7b) {
      return this.pendingRule === undefined ? start + 1 : this.groupEnd(start);
    }
    let end = start + 1;
    if (code === 0x24 || isNameChar(code) || code === 0x2d) {
      while (
        end < text.length &&
        (isNameChar(text.charCodeAt(end)) || text.charCodeAt(end) === 0x2e)
      ) {
        end++;
      }
    }
    return end;
  }

  private stringEnd(start: number): number {
    const text = this.text;
    let position = start + 1;
    while (position < text.length) {
      const code = text.charCodeAt(position);
      if (code === 0x5c) {
        position += 2;
        continue;
      }
      if (code === 0x22 || code === 0x0a) {
        return position + 1;
      }
      position++;
    }
    return text.length;
  }

  private blockStringEnd(start: number): number {
    let from = start + 3;
    for (;;) {
      const close = this.text.indexOf('"""', from);
      if (close < 0) {
        return this.text.length;
      }
      // \""" is an escaped triple quote inside a block string.
      if (this.text.charCodeAt(close - 1) !== 0x5c) {
        return close + 3;
      }
      from = close + 3;
    }
  }

  /** Returns the end of a list or input object, or the end of the text when it is cut. */
  private groupEnd(start: number): number {
    const text = this.text;
    let depth = 0;
    let position = start;
    while (position < text.length) {
      const code = text.charCodeAt(position);
      if (code === 0x22) {
        position = text.startsWith('"""', position)
          ? this.blockStringEnd(position)
          : this.stringEnd(position);
        continue;
      }
      if (code === 0x5b || code === 0x7b) {
        depth++;
      } else if (code === 0x5d || code === 0x7d) {
        depth--;
        if (depth === 0) {
          return position + 1;
        }
      }
      position++;
    }
    return text.length;
  }

  private replace(start: number, end: number, replacement: string): void {
    this.flushRaw(start);
    this.output.push(replacement);
    this.rawStart = end;
  }

  private flushRaw(end: number): void {
    if (end > this.rawStart) {
      const raw = this.text.slice(this.rawStart, end);
      this.output.push(redactText(raw, this.context, this.prefix));
      this.rawStart = end;
    }
  }
}
