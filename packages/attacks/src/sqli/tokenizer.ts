import { COMPARE_WORDS, KEYWORDS, LOGIC_WORDS } from './keywords';
import {
  LOOKAHEAD_PATTERNS,
  comparePhrase,
  dollarQuoteEnd,
  isBindMarker,
  isQuestionMark,
  isSpace,
  isWordChar,
  skipSpaceAndComments,
} from './lookahead';
import type { SqlContext, Token, TokenStream } from './tokens';

/** Tokens read per input and context; injected fragments are far shorter. */
const MAX_TOKENS = 400;

const THREE_CHAR_OPERATORS = new Set(['<=>', '->>', '#>>']);
const THREE_CHAR_COMPARE = new Set(['->>', '#>>']);
const TWO_CHAR_OPERATORS = new Set([
  '<@',
  '@>',
  '?|',
  '?&',
  '->',
  '#>',
  '#-',
  '@?',
  '||',
  '&&',
  '<=',
  '>=',
  '<>',
  '!=',
  '==',
  ':=',
  '::',
  '<<',
  '>>',
  '!<',
  '!>',
]);
// PostgreSQL JSON operators (`<@`, `?`, `->>`...) test or extract; they
// count as comparisons because injected conditions use them that way.
const COMPARE_OPERATORS = new Set([
  ...THREE_CHAR_COMPARE,
  '<@',
  '@>',
  '?',
  '?|',
  '?&',
  '->',
  '#>',
  '#-',
  '@?',
  '=',
  '<',
  '>',
  '<=',
  '>=',
  '<>',
  '!=',
  '==',
  '<=>',
  '!<',
  '!>',
]);
const SINGLE_OPERATORS = '=<>!+-*/%^|&~?';
// `1union`: digits directly followed by letters.
const NUMBER_THEN_WORD = /^([0-9.]+(?:e[0-9]+)?)([a-z_]+)$/;
const NUMERIC_LITERAL = /^(?:0x[0-9a-f]*|0b[01]*|[0-9.]+(?:e[0-9]*)?[df]?)$/;
const ALPHANUMERIC = /[A-Za-z0-9]/;
const WHITESPACE = /\s/;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Reads the SQL tokens of `input`, optionally as if after a quote. */
class Tokenizer {
  private position = 0;
  private readonly tokens: Token[] = [];
  private trailingComment = false;
  private bareComment = false;
  private executableComment = false;

  constructor(
    private readonly input: string,
    private readonly quote: SqlContext,
    private readonly backslashEscapes: boolean,
  ) {}

  run(): TokenStream {
    if (this.quote === '`') {
      this.readBacktick(-1);
    } else if (this.quote !== '') {
      this.readString(this.quote, 0);
    }
    while (this.position < this.input.length) {
      if (this.tokens.length >= MAX_TOKENS) {
        break;
      }
      this.readToken();
    }
    return {
      code: this.tokens,
      trailingComment: this.trailingComment,
      bareComment: this.bareComment,
      executableComment: this.executableComment,
      quoted: this.quote !== '',
      quote: this.quote,
    };
  }

  private push(token: Token): void {
    this.tokens.push(token);
    this.trailingComment = false;
    this.bareComment = false;
  }

  private readToken(): void {
    const input = this.input;
    const code = input.charCodeAt(this.position);
    const char = input[this.position];
    if (isSpace(code)) {
      this.position++;
    } else if (char === "'" || char === '"') {
      this.readString(char, this.position + 1);
    } else if (char === '`') {
      this.readBacktick();
    } else if (isDigit(code) || (char === '.' && this.digitAt(1))) {
      this.readNumber();
    } else if (char === '$' && this.readDollarString()) {
      return;
    } else if (isWordChar(code)) {
      this.readWord();
    } else if (char === '?' && isQuestionMark(input, this.position)) {
      this.push({ kind: 'other', text: char });
      this.position++;
    } else if (isBindMarker(input, this.position, this.previousKind())) {
      this.readBindMarker();
    } else if (
      char === '@' &&
      !'>?'.includes(input[this.position + 1] ?? '_')
    ) {
      // `@>` and `@?` are PostgreSQL JSON operators, not variables.
      this.readVariable();
    } else if (
      char === '#' &&
      !'>-'.includes(input[this.position + 1] ?? '_')
    ) {
      this.skipLineComment();
    } else if (char === '-' && input[this.position + 1] === '-') {
      this.skipLineComment();
    } else if (char === '/' && input[this.position + 1] === '*') {
      this.readBlockComment();
    } else if (char === '*' && input[this.position + 1] === '/') {
      // The end of an executable comment whose start was read as code.
      this.position += 2;
    } else {
      this.readPunctuation(char);
    }
  }

  private digitAt(offset: number): boolean {
    return isDigit(this.input.charCodeAt(this.position + offset));
  }

  private readString(quote: string, start: number): void {
    const input = this.input;
    let index = start;
    while (index < input.length) {
      const char = input[index];
      // MySQL reads a backslash in a string as an escape, standard SQL
      // does not. Read as if after a quote, a value follows standard SQL,
      // in which `\'or'1` closes the string, unless the caller asks for
      // the MySQL reading too.
      if (char === '\\' && (this.quote === '' || this.backslashEscapes)) {
        index += 2;
        continue;
      }
      if (char === quote) {
        if (input[index + 1] === quote) {
          index += 2;
          continue;
        }
        this.pushString(start, index, true);
        this.position = index + 1;
        return;
      }
      index++;
    }
    this.pushString(start, input.length, false);
    this.position = input.length;
  }

  private pushString(start: number, end: number, closed: boolean): void {
    // Rules only look at the start of a string, so keep a short prefix.
    const text = this.input.slice(start, Math.min(end, start + 32));
    const quote = start > 0 ? this.input[start - 1] : this.quote;
    // A backslash typed before the closing quote, as in `\"or"1`, is
    // meant to defeat an escaping layer. Ordinary text rarely has one.
    const escaped = closed && end > 0 && this.input[end - 1] === '\\';
    this.push({ kind: 'string', text, closed, quote, escaped });
  }

  /**
   * Reads `$$text$$` or `$tag$text$tag$`, or returns false when no dollar
   * quote opens here.
   */
  private readDollarString(): boolean {
    const end = dollarQuoteEnd(this.input, this.position);
    if (end < 0) {
      return false;
    }
    const tagEnd = this.input.indexOf('$', this.position + 1) + 1;
    const contentEnd = end - (tagEnd - this.position);
    const text = this.input.slice(tagEnd, Math.min(contentEnd, tagEnd + 32));
    this.push({ kind: 'string', text, closed: true, quote: '$' });
    this.position = end;
    return true;
  }

  private readBindMarker(): void {
    let index = this.position + 1;
    while (
      index < this.input.length &&
      isWordChar(this.input.charCodeAt(index))
    ) {
      index++;
    }
    const text = this.input.slice(this.position, index).toLowerCase();
    this.push({ kind: 'variable', text });
    this.position = index;
  }

  private previousKind(): string {
    return this.tokens[this.tokens.length - 1]?.kind ?? '';
  }

  /** Returns whether the previous token is a complete operand. */
  private followsOperand(): boolean {
    const previous = this.tokens[this.tokens.length - 1];
    if (previous === undefined) {
      return false;
    }
    switch (previous.kind) {
      case 'number':
      case 'string':
      case 'word':
      case 'variable':
      case 'close':
        return true;
      case 'keyword':
        return ['true', 'false', 'null'].includes(previous.text);
      default:
        return false;
    }
  }

  /** Reads a quoted name whose opening backtick is at `start`. */
  private readBacktick(start = this.position): void {
    const end = this.input.indexOf('`', start + 1);
    const name = this.input.slice(start + 1, end < 0 ? undefined : end);
    this.push({ kind: 'word', text: '', spaced: WHITESPACE.test(name) });
    this.position = end < 0 ? this.input.length : end + 1;
  }

  private readNumber(): void {
    const input = this.input;
    const start = this.position;
    let index = start;
    if (input[index] === '0' && 'xXbB'.includes(input[index + 1] ?? '_')) {
      index += 2;
    }
    while (index < input.length && isWordChar(input.charCodeAt(index))) {
      index++;
    }
    if (input[index] === '.') {
      index++;
      while (index < input.length && isWordChar(input.charCodeAt(index))) {
        index++;
      }
    }
    const text = input.slice(start, index).toLowerCase();
    // MySQL reads `1union` as a number followed by a keyword, which
    // payloads use to avoid a space.
    const split = NUMBER_THEN_WORD.exec(text);
    if (split !== null && isReserved(split[2])) {
      this.push({ kind: 'number', text: split[1] });
      this.position = start + split[1].length;
      return;
    }
    this.position = index;
    this.push({ kind: NUMERIC_LITERAL.test(text) ? 'number' : 'word', text });
  }

  private readWord(): void {
    const input = this.input;
    const start = this.position;
    let index = start;
    while (index < input.length) {
      const code = input.charCodeAt(index);
      // A dot inside a name joins schema, table and column parts.
      const joinsName =
        code === 0x2e && isWordChar(input.charCodeAt(index + 1));
      if (!isWordChar(code) && !joinsName) {
        break;
      }
      index++;
    }
    const text = input.slice(start, index).toLowerCase();
    this.position = index;
    const next = input[index];
    // N'..', X'..' and B'..' are string literals in several dialects.
    if ((text === 'n' || text === 'x' || text === 'b') && next === "'") {
      this.readString("'", index + 1);
      return;
    }
    if (text === 'is' || (text === 'not' && this.followsOperand())) {
      const phrase = comparePhrase(input, text, index);
      if (phrase !== undefined) {
        this.push({ kind: 'compare', text: phrase.text });
        this.position = phrase.end;
        return;
      }
    }
    this.push({ kind: this.wordKind(text, index), text });
  }

  private wordKind(text: string, end: number): Token['kind'] {
    if (LOGIC_WORDS.has(text)) {
      return 'logic';
    }
    const call = this.bracketFollows(end);
    if (COMPARE_WORDS.has(text)) {
      // SQLite also defines glob(x, y) and like(x, y) as functions: where
      // an operand is expected, such a word before a bracket is a call.
      return call && this.expectsOperand() ? 'function' : 'compare';
    }
    if (text === 'div' || text === 'mod') {
      return 'operator';
    }
    if (call) {
      return 'function';
    }
    return KEYWORDS.has(text) ? 'keyword' : 'word';
  }

  /**
   * Returns whether the next character after spaces and comments is an
   * opening bracket, because SQL also calls a function whose name and
   * bracket a comment separates.
   */
  private bracketFollows(end: number): boolean {
    return this.input[skipSpaceAndComments(this.input, end)] === '(';
  }

  /** Returns whether the previous token leaves an operand to follow. */
  private expectsOperand(): boolean {
    const previous = this.tokens[this.tokens.length - 1];
    return (
      previous === undefined ||
      previous.kind === 'logic' ||
      previous.kind === 'open' ||
      previous.kind === 'comma'
    );
  }

  private readVariable(): void {
    const input = this.input;
    let index = this.position + 1;
    if (input[index] === '@') {
      index++;
    }
    const start = index;
    while (index < input.length) {
      const code = input.charCodeAt(index);
      if (!isWordChar(code) && code !== 0x2e) {
        break;
      }
      index++;
    }
    const system = input[this.position + 1] === '@';
    this.push({
      kind: 'variable',
      text: (system ? '@@' : '@') + input.slice(start, index).toLowerCase(),
    });
    this.position = index;
  }

  private skipLineComment(): void {
    const start = this.position + (this.input[this.position] === '#' ? 1 : 2);
    const end = this.input.indexOf('\n', this.position);
    this.position = end < 0 ? this.input.length : end + 1;
    this.trailingComment = end < 0;
    this.bareComment = end < 0 && !ALPHANUMERIC.test(this.input.slice(start));
  }

  private readBlockComment(): void {
    const input = this.input;
    if (input[this.position + 2] === '!') {
      // MySQL runs the text of /*!...*/ (after an optional version number)
      // as code, so read on inside it.
      this.executableComment = true;
      let index = this.position + 3;
      while (isDigit(input.charCodeAt(index))) {
        index++;
      }
      this.position = index;
      return;
    }
    const end = input.indexOf('*/', this.position + 2);
    this.position = end < 0 ? input.length : end + 2;
    this.trailingComment = end < 0 || this.position >= input.length;
    this.bareComment = this.trailingComment;
  }

  private readPunctuation(char: string): void {
    const input = this.input;
    const simple = PUNCTUATION[char];
    if (simple !== undefined) {
      this.push({ kind: simple, text: char });
      this.position++;
      return;
    }
    const three = input.slice(this.position, this.position + 3);
    const two = three.slice(0, 2);
    let text = char;
    if (THREE_CHAR_OPERATORS.has(three)) {
      text = three;
    } else if (TWO_CHAR_OPERATORS.has(two)) {
      text = two;
    } else if (!SINGLE_OPERATORS.includes(char)) {
      this.push({ kind: 'other', text: char });
      this.position++;
      return;
    }
    this.position += text.length;
    this.push({ kind: operatorKind(text), text });
  }
}

const PUNCTUATION: Record<string, Token['kind'] | undefined> = {
  '(': 'open',
  ')': 'close',
  ',': 'comma',
  ';': 'semicolon',
  '.': 'dot',
};

function operatorKind(text: string): Token['kind'] {
  if (text === '||' || text === '&&') {
    return 'logic';
  }
  return COMPARE_OPERATORS.has(text) ? 'compare' : 'operator';
}

function isReserved(word: string): boolean {
  return KEYWORDS.has(word) || LOGIC_WORDS.has(word);
}

/**
 * Tokenizes `input` as SQL: as it is, or, with `quote`, as the rest of a
 * string literal that the quote opened, which is where injected text lands
 * when an application pastes a value between quotes. `backslashEscapes`
 * reads a backslash inside that string as an escape, as MySQL does.
 */
export function tokenize(
  input: string,
  quote: SqlContext,
  backslashEscapes = false,
): TokenStream {
  return new Tokenizer(input, quote, backslashEscapes).run();
}

export const SQL_PATTERNS: readonly RegExp[] = [
  ...LOOKAHEAD_PATTERNS,
  NUMBER_THEN_WORD,
  NUMERIC_LITERAL,
  ALPHANUMERIC,
  WHITESPACE,
];
