import type { RedactionContext } from './context';
import { replaceValue } from './context';
import { joinPath } from './path';
import { redactText } from './text-scan';

// End tags are matched against this many open elements at most, so a run of
// stray end tags costs linear time even in a deeply nested document.
const MAX_END_TAG_SEARCH = 64;

interface MaskedElement {
  /** Stack index of the sensitive element. */
  readonly index: number;
  readonly type: string;
  readonly path: string;
  /** Offset where the element's content starts. */
  readonly contentStart: number;
}

interface StartTag {
  readonly name: string;
  readonly end: number;
  readonly selfClosing: boolean;
  readonly text: string;
  /** Whether an attribute value was masked, so `text` differs from the input. */
  readonly changed: boolean;
}

/**
 * Redacts XML in one pass without building a tree. Elements and attributes
 * named by a key rule are masked, and a masked element loses its whole
 * content. Text, CDATA, comments and other attribute values go through the
 * detectors. Malformed and truncated documents take the same path, and every
 * byte that is not masked is kept.
 */
export function redactXml(
  text: string,
  context: RedactionContext,
  prefix: string,
): string {
  return new XmlPass(text, context, prefix).run();
}

function isNameStart(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    code === 0x5f ||
    code === 0x3a ||
    code > 0x7f
  );
}

function isNameChar(code: number): boolean {
  return (
    isNameStart(code) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2d ||
    code === 0x2e
  );
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Returns whether a character ends an attribute name. */
function endsAttributeName(code: number): boolean {
  return (
    isSpace(code) ||
    code === 0x3d ||
    code === 0x3e ||
    code === 0x2f ||
    code === 0x22 ||
    code === 0x27
  );
}

class XmlPass {
  /** Replaced ranges and the text between them; unchanged text is copied once at the end. */
  private readonly output: string[] = [];
  private copied = 0;
  private readonly stack: string[] = [];
  private masked: MaskedElement | undefined;

  constructor(
    private readonly text: string,
    private readonly context: RedactionContext,
    private readonly prefix: string,
  ) {}

  run(): string {
    const text = this.text;
    let position = 0;
    while (position < text.length) {
      const open = text.indexOf('<', position);
      const textEnd = open < 0 ? text.length : open;
      if (textEnd > position) {
        this.writeText(position, textEnd);
      }
      if (open < 0) {
        break;
      }
      position = this.markup(open);
    }
    if (this.masked !== undefined) {
      this.closeMasked(text.length);
    }
    if (this.output.length === 0) {
      return text;
    }
    this.output.push(text.slice(this.copied));
    return this.output.join('');
  }

  /** Writes `replacement` in place of text[start, end). */
  private replace(start: number, end: number, replacement: string): void {
    this.output.push(this.text.slice(this.copied, start), replacement);
    this.copied = end;
  }

  /** Handles the markup that starts at `open` and returns the offset after it. */
  private markup(open: number): number {
    const text = this.text;
    if (text.startsWith('<!--', open)) {
      return this.writeOther(open, this.endOf('-->', open + 4));
    }
    if (text.startsWith('<![CDATA[', open)) {
      return this.cdata(open);
    }
    if (text.startsWith('<?', open)) {
      return this.writeOther(open, this.endOf('?>', open + 2));
    }
    if (text.startsWith('<!', open)) {
      return this.writeOther(open, this.declarationEnd(open));
    }
    if (text.startsWith('</', open)) {
      return this.endTag(open);
    }
    if (open + 1 < text.length && isNameStart(text.charCodeAt(open + 1))) {
      return this.startTag(open);
    }
    // A '<' that starts no markup is text, as browsers and lenient parsers read it.
    return open + 1;
  }

  private endOf(terminator: string, from: number): number {
    const found = this.text.indexOf(terminator, from);
    return found < 0 ? this.text.length : found + terminator.length;
  }

  /** Finds the end of a declaration such as DOCTYPE, skipping its internal subset. */
  private declarationEnd(open: number): number {
    const text = this.text;
    const close = text.indexOf('>', open);
    const subset = text.indexOf('[', open);
    if (subset >= 0 && (close < 0 || subset < close)) {
      const subsetEnd = text.indexOf(']', subset);
      return subsetEnd < 0 ? text.length : this.endOf('>', subsetEnd);
    }
    return close < 0 ? text.length : close + 1;
  }

  private cdata(open: number): number {
    const contentStart = open + '<![CDATA['.length;
    const close = this.text.indexOf(']]>', contentStart);
    const contentEnd = close < 0 ? this.text.length : close;
    if (this.masked === undefined) {
      const content = this.text.slice(contentStart, contentEnd);
      const redacted = redactText(content, this.context, this.path());
      if (redacted !== content) {
        this.replace(contentStart, contentEnd, redacted);
      }
    }
    return close < 0 ? this.text.length : close + 3;
  }

  private startTag(open: number): number {
    const tag = this.readStartTag(open);
    if (this.masked !== undefined) {
      if (!tag.selfClosing) {
        this.stack.push(tag.name);
      }
      return tag.end;
    }
    if (tag.changed) {
      this.replace(open, tag.end, tag.text);
    }
    if (tag.selfClosing) {
      return tag.end;
    }
    this.stack.push(tag.name);
    const rule = this.context.keys.matchCompound(tag.name);
    if (rule !== undefined) {
      this.masked = {
        index: this.stack.length - 1,
        type: rule,
        path: this.path(),
        contentStart: tag.end,
      };
    }
    return tag.end;
  }

  /** Parses a start tag and returns it with its attribute values redacted. */
  private readStartTag(open: number): StartTag {
    const text = this.text;
    let position = open + 1;
    while (position < text.length && isNameChar(text.charCodeAt(position))) {
      position++;
    }
    const name = text.slice(open + 1, position);
    let written = '';
    let copied = open;
    let changed = false;
    while (position < text.length) {
      const code = text.charCodeAt(position);
      if (code === 0x3e) {
        return this.finishTag(
          name,
          position + 1,
          false,
          written,
          copied,
          changed,
        );
      }
      if (code === 0x2f && text.charCodeAt(position + 1) === 0x3e) {
        return this.finishTag(
          name,
          position + 2,
          true,
          written,
          copied,
          changed,
        );
      }
      if (endsAttributeName(code)) {
        position++;
        continue;
      }
      const attribute = this.readAttribute(name, position);
      written += text.slice(copied, attribute.valueStart) + attribute.value;
      changed ||=
        attribute.value !==
        text.slice(attribute.valueStart, attribute.valueEnd);
      copied = attribute.valueEnd;
      position = attribute.next;
    }
    return this.finishTag(name, text.length, false, written, copied, changed);
  }

  private finishTag(
    name: string,
    end: number,
    selfClosing: boolean,
    written: string,
    copied: number,
    changed: boolean,
  ): StartTag {
    return {
      name,
      end,
      selfClosing,
      text: written + this.text.slice(copied, end),
      changed,
    };
  }

  /** Reads one attribute and returns its redacted value and offsets. */
  private readAttribute(
    element: string,
    start: number,
  ): { valueStart: number; valueEnd: number; value: string; next: number } {
    const text = this.text;
    let position = start;
    while (
      position < text.length &&
      !endsAttributeName(text.charCodeAt(position))
    ) {
      position++;
    }
    const name = text.slice(start, position);
    while (position < text.length && isSpace(text.charCodeAt(position))) {
      position++;
    }
    if (text.charCodeAt(position) !== 0x3d) {
      return {
        valueStart: position,
        valueEnd: position,
        value: '',
        next: position,
      };
    }
    position++;
    while (position < text.length && isSpace(text.charCodeAt(position))) {
      position++;
    }
    const quote = text.charCodeAt(position);
    let valueStart = position;
    let valueEnd: number;
    let next: number;
    if (quote === 0x22 || quote === 0x27) {
      valueStart = position + 1;
      const close = text.indexOf(text.charAt(position), valueStart);
      valueEnd = close < 0 ? text.length : close;
      next = close < 0 ? text.length : close + 1;
    } else {
      valueEnd = position;
      while (
        valueEnd < text.length &&
        !isSpace(text.charCodeAt(valueEnd)) &&
        text.charCodeAt(valueEnd) !== 0x3e
      ) {
        valueEnd++;
      }
      next = valueEnd;
    }
    const raw = text.slice(valueStart, valueEnd);
    const path = `${this.path()}.${element}.@${name}`;
    return {
      valueStart,
      valueEnd,
      value: this.attributeValue(name, raw, path),
      next,
    };
  }

  private attributeValue(name: string, raw: string, path: string): string {
    if (raw === '' || this.masked !== undefined) {
      return raw;
    }
    const rule = this.context.keys.matchCompound(name);
    if (rule === undefined) {
      return redactText(raw, this.context, path, name);
    }
    return replaceValue(this.context, rule, raw, path) ?? raw;
  }

  private endTag(open: number): number {
    const text = this.text;
    let position = open + 2;
    while (position < text.length && isNameChar(text.charCodeAt(position))) {
      position++;
    }
    const name = text.slice(open + 2, position);
    const end = this.endOf('>', position);
    const index = this.findOpen(name);
    if (this.masked !== undefined) {
      if (index < 0 || index > this.masked.index) {
        if (index >= 0) {
          this.stack.length = index;
        }
        return end;
      }
      this.closeMasked(open);
    }
    if (index >= 0) {
      this.stack.length = index;
    }
    return end;
  }

  private findOpen(name: string): number {
    const lowest = Math.max(0, this.stack.length - MAX_END_TAG_SEARCH);
    for (let i = this.stack.length - 1; i >= lowest; i--) {
      if (this.stack[i] === name) {
        return i;
      }
    }
    return -1;
  }

  /** Writes the mask for the sensitive element whose content ends at `contentEnd`. */
  private closeMasked(contentEnd: number): void {
    const masked = this.masked as MaskedElement;
    this.masked = undefined;
    const content = this.text.slice(masked.contentStart, contentEnd);
    if (content.trim() === '') {
      return;
    }
    const cut = contentEnd === this.text.length;
    const replacement = replaceValue(
      this.context,
      masked.type,
      content.trim(),
      masked.path,
      cut,
    );
    if (replacement !== undefined) {
      this.replace(masked.contentStart, contentEnd, replacement);
    }
  }

  // NOTE: entity and character references are not decoded, so a value
  // written as `jane&#64;example.com` passes the detectors unmasked.
  private writeText(start: number, end: number): void {
    if (this.masked !== undefined) {
      return;
    }
    const raw = this.text.slice(start, end);
    const stack = this.stack;
    const element = stack.length > 0 ? stack[stack.length - 1] : undefined;
    const redacted = redactText(raw, this.context, this.path(), element);
    if (redacted !== raw) {
      this.replace(start, end, redacted);
    }
  }

  private writeOther(start: number, end: number): number {
    this.writeText(start, end);
    return end;
  }

  private path(): string {
    const stack = this.stack;
    return joinPath(this.prefix, stack.length, (i) => `.${stack[i]}`);
  }
}
