/** Reads SQL text around a position without producing tokens. */
import { COMPARE_WORDS } from './keywords';

/** Returns whether `code` is a character that SQL skips between tokens. */
export function isSpace(code: number): boolean {
  // Control characters, space and no-break space: MySQL and SQL Server skip
  // several control characters between tokens, so all of them count.
  return code <= 0x20 || code === 0xa0 || code === 0x7f;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

/** Returns whether `code` can continue a name: letter, digit, `_` or `$`. */
export function isWordChar(code: number): boolean {
  return isLetter(code) || isDigit(code) || code === 0x5f || code === 0x24;
}

/**
 * Returns the index after the comment that starts at `index`, or `index`
 * when none starts there. An executable comment (`/*!`) is code to MySQL,
 * so it is not skipped.
 */
function skipComment(input: string, index: number): number {
  const char = input[index];
  const next = input[index + 1];
  const lineComment =
    (char === '-' && next === '-') ||
    (char === '#' && next !== '>' && next !== '-');
  if (lineComment) {
    const end = input.indexOf('\n', index);
    return end < 0 ? input.length : end + 1;
  }
  if (char === '/' && next === '*' && input[index + 2] !== '!') {
    const end = input.indexOf('*/', index + 2);
    return end < 0 ? input.length : end + 2;
  }
  return index;
}

/**
 * Returns the index of the first character at or after `index` that is
 * neither space nor inside a comment. SQL reads a comment between two
 * tokens as a space.
 */
export function skipSpaceAndComments(input: string, index: number): number {
  let position = index;
  for (;;) {
    while (position < input.length && isSpace(input.charCodeAt(position))) {
      position++;
    }
    const after = skipComment(input, position);
    if (after === position) {
      return position;
    }
    position = after;
  }
}

/**
 * Returns the lower-case word at `index` after spaces and comments, and the
 * index after it. The word is empty when none starts there.
 */
export function nextWord(
  input: string,
  index: number,
): { word: string; end: number } {
  const start = skipSpaceAndComments(input, index);
  let end = start;
  while (end < input.length && isWordChar(input.charCodeAt(end))) {
    end++;
  }
  return { word: input.slice(start, end).toLowerCase(), end };
}

/**
 * Returns the index after a PostgreSQL dollar-quoted string (`$$text$$`,
 * `$tag$text$tag$`) that opens at `start`, or -1 when none does. The tag
 * is a name that does not start with a digit, so `$1` (a parameter) and
 * prices such as `$5` open nothing, and a string needs its closing tag.
 */
export function dollarQuoteEnd(input: string, start: number): number {
  let index = start + 1;
  if (index < input.length && !isDigit(input.charCodeAt(index))) {
    while (
      index < input.length &&
      isWordChar(input.charCodeAt(index)) &&
      input[index] !== '$'
    ) {
      index++;
    }
  }
  if (input[index] !== '$') {
    return -1;
  }
  const tag = input.slice(start, index + 1);
  const close = input.indexOf(tag, index + 1);
  return close < 0 ? -1 : close + tag.length;
}

/**
 * Returns whether the `?` at `position` ends a question: right after a
 * word and before a space, `!`, `?`, `.` or the end, as in `5 or 6?`.
 * Elsewhere `?` binds a parameter (`a'or?--`) or is a PostgreSQL JSON
 * operator.
 */
export function isQuestionMark(input: string, position: number): boolean {
  if (!isWordChar(input.charCodeAt(position - 1))) {
    return false;
  }
  const next = input[position + 1];
  return (
    next === undefined ||
    isSpace(next.charCodeAt(0)) ||
    next === '!' ||
    next === '?' ||
    next === '.'
  );
}

// Token kinds after which an operand, and so a bind parameter, follows.
const BIND_AFTER = new Set(['logic', 'compare', 'operator', 'open', 'comma']);
// The first character of a `:name` parameter.
const NAME_START = /^[A-Za-z_]$/;

/**
 * Returns whether a bind parameter starts at `position`: `?` or `?3`
 * (ODBC, JDBC, SQLite) or `:name` (Oracle, SQLite). It must follow an
 * operator, bracket or comma (`previousKind`), where an operand is
 * expected, because after an operand `?` is a PostgreSQL JSON operator.
 */
export function isBindMarker(
  input: string,
  position: number,
  previousKind: string,
): boolean {
  const char = input[position];
  if ((char !== '?' && char !== ':') || !BIND_AFTER.has(previousKind)) {
    return false;
  }
  const next = input[position + 1] ?? '';
  if (char === '?') {
    return next !== '|' && next !== '&';
  }
  const before = input.charCodeAt(position - 1);
  return !isWordChar(before) && before !== 0x3a && NAME_START.test(next);
}

/**
 * Reads a comparison written in words from `first`, which ends at `end`:
 * `is`, `is not`, `is [not] distinct from` (SQLite reads `is` as `=` for
 * any operands), and `not like`, `not regexp` and the other comparison
 * words after `not`. Returns the phrase and the index after it.
 */
export function comparePhrase(
  input: string,
  first: 'is' | 'not',
  end: number,
): { text: string; end: number } | undefined {
  const second = nextWord(input, end);
  if (first === 'not') {
    return COMPARE_WORDS.has(second.word)
      ? { text: `not ${second.word}`, end: second.end }
      : undefined;
  }
  let text = 'is';
  let position = end;
  let word = second;
  if (word.word === 'not') {
    text = 'is not';
    position = word.end;
    word = nextWord(input, position);
  }
  if (word.word === 'distinct') {
    const from = nextWord(input, word.end);
    if (from.word === 'from') {
      return { text: `${text} distinct from`, end: from.end };
    }
  }
  return { text, end: position };
}

export const LOOKAHEAD_PATTERNS: readonly RegExp[] = [NAME_START];
