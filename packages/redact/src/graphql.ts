import type { RedactionContext } from './context';
import { replaceValue } from './context';
import { mask } from './mask';
import { keySegment } from './path';
import { applyHits, redactText, reportHits } from './text-scan';

/** Type of a literal that the `all` mode masks without a finding. */
const LITERAL_TYPE = 'literal';
const VARIABLE = /\$([_A-Za-z][_0-9A-Za-z]*)/g;

/** A redacted GraphQL document and the key rules its variables feed. */
export interface GraphqlResult {
  readonly text: string;
  /** Variable name to the mask type of the argument or input field it feeds. */
  readonly variableRules: ReadonlyMap<string, string>;
}

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

function isNumberStart(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || code === 0x2d;
}

/** Returns whether a string looks like a GraphQL executable document. */
export function isGraphqlDocument(text: string): boolean {
  return /^\s*(?:\{|#|(?:query|mutation|subscription|fragment)\b)/.test(text);
}

/**
 * Redacts a GraphQL document. Literal values of arguments and input fields
 * named by a key rule are masked, string literals are decoded and go
 * through the detectors, and comments and other text go through them too.
 * In `all` mode every string and number literal is masked. Variables are
 * kept, and the rule of the argument each one feeds is returned so the
 * variables can be masked. The scanner is lexical, so a document cut by a
 * size limit or invalid gets the same treatment. Layout is kept.
 */
export function redactGraphql(
  text: string,
  context: RedactionContext,
  prefix: string,
): GraphqlResult {
  const pass = new GraphqlPass(text, context, prefix);
  return { text: pass.run(), variableRules: pass.variableRules };
}

class GraphqlPass {
  readonly variableRules = new Map<string, string>();
  private readonly output: string[] = [];
  private rawStart = 0;
  private lastName: string | undefined;
  /** Mask type for the next value, set after `name:` when the name matches a rule. */
  private pendingRule: string | undefined;
  /** Name of the argument or field whose value comes next. */
  private pendingName: string | undefined;

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
    } else if (code === 0x22 || isNumberStart(code)) {
      this.literal(start, end, code);
    }
    this.pendingRule = undefined;
    this.pendingName = undefined;
    this.lastName = isNameStart(code) ? text.slice(start, end) : undefined;
    return end;
  }

  private expectValue(): void {
    const name = this.lastName;
    this.lastName = undefined;
    this.pendingName = name;
    this.pendingRule =
      name === undefined ? undefined : this.context.keys.match(name);
  }

  private path(): string {
    return this.pendingName === undefined
      ? this.prefix
      : this.prefix + keySegment(this.pendingName);
  }

  private maskValue(start: number, end: number, code: number): void {
    const rule = this.pendingRule as string;
    const value = this.text.slice(start, end);
    // A variable's value travels outside the document, where the returned
    // rule masks it, and null hides nothing.
    if (code === 0x24) {
      this.variableRules.set(value.slice(1), rule);
      return;
    }
    if (value === 'null') {
      return;
    }
    // Variables inside a masked list or input object feed the same value.
    for (const match of value.matchAll(VARIABLE)) {
      this.variableRules.set(match[1], rule);
    }
    const replacement = replaceValue(
      this.context,
      rule,
      value,
      this.path(),
      end === this.text.length && code !== 0x22,
    );
    if (replacement !== undefined) {
      this.replace(start, end, `"${replacement}"`);
    }
  }

  /** Redacts a string or number literal that no key rule names. */
  private literal(start: number, end: number, code: number): void {
    const raw = this.text.slice(start, end);
    const decoded = code === 0x22 ? decodeEscapes(raw) : undefined;
    const value = decoded ?? raw;
    const hits = this.context.detectors.find(value, this.pendingName);
    reportHits(hits, this.context, this.path());
    if (this.context.graphqlLiterals === 'all') {
      this.replace(start, end, `"${mask(LITERAL_TYPE)}"`);
      return;
    }
    if (hits.length === 0) {
      return;
    }
    // The literal is written here, so the raw pass does not scan it again.
    const redacted = applyHits(value, hits, this.context);
    if (redacted === value) {
      this.replace(start, end, raw);
    } else {
      this.replace(
        start,
        end,
        decoded === undefined ? redacted : JSON.stringify(redacted),
      );
    }
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

/** Decodes a GraphQL string literal with escapes, whose escapes are those of JSON; undefined when it has none, is cut or is malformed. */
function decodeEscapes(raw: string): string | undefined {
  if (
    raw.length < 2 ||
    raw.startsWith('"""') ||
    !raw.endsWith('"') ||
    !raw.includes('\\')
  ) {
    return undefined;
  }
  try {
    return JSON.parse(raw) as string;
  } catch {
    return undefined;
  }
}
