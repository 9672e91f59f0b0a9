/** Injection context of a value: bare, or after an opening quote. */
export type SqlContext = '' | "'" | '"' | '`';

/** Kinds of SQL token, coarse enough to classify injected fragments. */
export type TokenKind =
  | 'number'
  | 'string'
  | 'word'
  | 'keyword'
  | 'logic'
  | 'compare'
  | 'operator'
  | 'function'
  | 'variable'
  | 'open'
  | 'close'
  | 'comma'
  | 'semicolon'
  | 'dot'
  | 'other';

/** One SQL token. `text` is lower case for words, keywords and functions. */
export interface Token {
  kind: TokenKind;
  text: string;
  /**
   * Strings only: whether the closing quote was found. The text of a
   * string is the first 32 characters of its content, as written.
   */
  closed?: boolean;
  /**
   * Strings only: the quote character that opened the string, or `$` for
   * a PostgreSQL dollar-quoted string.
   */
  quote?: string;
  /** Strings only: whether a backslash precedes the closing quote. */
  escaped?: boolean;
  /** Backtick-quoted names only: whether the name contains whitespace. */
  spaced?: boolean;
}

/** Tokens of one input read in one context, with facts the rules need. */
export interface TokenStream {
  /** Every token except comments. */
  code: Token[];
  /** Whether a comment ends the input. */
  trailingComment: boolean;
  /** Whether that comment contains no letters or digits, as in `x'--`. */
  bareComment: boolean;
  /** Whether a MySQL executable comment (slash, star, bang) occurs. */
  executableComment: boolean;
  /** Whether the input was read as if it followed an opening quote. */
  quoted: boolean;
  /**
   * The quote the input was read after, or '' when read as it is. A
   * backtick closes a quoted name (MySQL) rather than a string.
   */
  quote: SqlContext;
}
