import type { KeyRules } from '../key-rules';
import type { Detector, Hit } from './detector';

const MAX_KEY_LENGTH = 64;
const MAX_SPACES = 4;
// A quoted value without its closing quote is read up to this length or
// the end of the line, which keeps a text of unclosed quotes linear.
const MAX_QUOTED_LENGTH = 8192;
// Values that hold no secret: empty markers, booleans and references to a
// variable (`$p` in GraphQL, `${PASSWORD}` in shell and templates).
const PLACEHOLDER =
  /^(?:null|undefined|none|true|false|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\{\{.*|\*+)$/i;

function isKeyChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f ||
    code === 0x2d ||
    code === 0x2e ||
    code === 0x5b ||
    code === 0x5d
  );
}

function isQuote(code: number): boolean {
  return code === 0x22 || code === 0x27;
}

function endsUnquotedValue(code: number): boolean {
  return (
    code <= 0x20 ||
    code === 0x26 ||
    code === 0x2c ||
    code === 0x3b ||
    code === 0x29 ||
    code === 0x7d ||
    code === 0x5d ||
    code === 0x22 ||
    code === 0x27 ||
    code === 0x3c ||
    code === 0x3e ||
    code === 0x5c
  );
}

function isLetter(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f
  );
}

/** Returns the key that ends before the separator at `separator`, or undefined. */
function keyBefore(text: string, separator: number): string | undefined {
  let end = separator;
  while (end > separator - MAX_SPACES && text.charCodeAt(end - 1) === 0x20) {
    end--;
  }
  const quote = text.charCodeAt(end - 1);
  const quoted = isQuote(quote);
  if (quoted) {
    end--;
  }
  let start = end;
  while (
    start > end - MAX_KEY_LENGTH &&
    isKeyChar(text.charCodeAt(start - 1))
  ) {
    start--;
  }
  // Keys start with a letter, which also skips times such as 15:20:00.
  if (
    start === end ||
    isKeyChar(text.charCodeAt(start - 1)) ||
    !isLetter(text.charCodeAt(start))
  ) {
    return undefined;
  }
  if (quoted && text.charCodeAt(start - 1) !== quote) {
    return undefined;
  }
  return text.slice(start, end);
}

/** Returns the range of the value that follows the separator, or undefined when it is empty. */
function valueAfter(
  text: string,
  separator: number,
): [number, number] | undefined {
  let start = separator + 1;
  const limit = start + MAX_SPACES;
  while (start < limit && text.charCodeAt(start) === 0x20) {
    start++;
  }
  // An escaped quote, as in JSON text inside a JSON string, opens a value too.
  if (text.charCodeAt(start) === 0x5c && isQuote(text.charCodeAt(start + 1))) {
    start++;
  }
  const quote = text.charCodeAt(start);
  let end: number;
  if (isQuote(quote)) {
    start++;
    end = quotedEnd(text, start, quote);
  } else {
    end = start;
    while (end < text.length && !endsUnquotedValue(text.charCodeAt(end))) {
      end++;
    }
  }
  return end > start ? [start, end] : undefined;
}

function quotedEnd(text: string, start: number, quote: number): number {
  const limit = Math.min(text.length, start + MAX_QUOTED_LENGTH);
  let end = start;
  while (end < limit) {
    const code = text.charCodeAt(end);
    if (code === quote || code === 0x0a || code === 0x0d) {
      break;
    }
    end++;
  }
  // `\"` closes a value inside escaped JSON text.
  return text.charCodeAt(end - 1) === 0x5c && text.charCodeAt(end) === quote
    ? end - 1
    : end;
}

/** Finds the ':' and '=' separators of a text in order, searching for each character only past its last find. */
class SeparatorCursor {
  private colon = -2;
  private equals = -2;

  constructor(private readonly text: string) {}

  next(from: number): number {
    if (this.colon !== -1 && this.colon < from) {
      this.colon = this.text.indexOf(':', from);
    }
    if (this.equals !== -1 && this.equals < from) {
      this.equals = this.text.indexOf('=', from);
    }
    if (this.colon < 0) {
      return this.equals;
    }
    return this.equals < 0 || this.colon < this.equals
      ? this.colon
      : this.equals;
  }
}

/**
 * Returns a detector of secrets written as `key=value` or `key: value` in
 * free text (log lines, exception messages, connection strings), where the
 * key matches a key rule. The value is masked with the rule's type.
 */
export function keyValueDetector(keys: KeyRules): Detector {
  return {
    name: 'key_value',
    types: [],
    needsSeparator: true,
    scan(text: string, hits: Hit[]): void {
      const separators = new SeparatorCursor(text);
      let separator = separators.next(0);
      while (separator >= 0) {
        let next = separator + 1;
        const key = keyBefore(text, separator);
        const rule = key === undefined ? undefined : keys.matchCompound(key);
        if (rule !== undefined) {
          const value = valueAfter(text, separator);
          if (
            value !== undefined &&
            !PLACEHOLDER.test(text.slice(value[0], value[1]))
          ) {
            hits.push({ start: value[0], end: value[1], type: rule });
            next = value[1];
          }
        }
        separator = separators.next(next);
      }
    },
  };
}
