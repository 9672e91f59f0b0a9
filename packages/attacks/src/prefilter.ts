/**
 * Cheap gates that decide, from the character classes and a few words of
 * a value, that a detector cannot match it, so the detector is skipped. A
 * gate may return true for a value that the detector then clears, but
 * never false for a value that it would flag. The prefilter tests check
 * that the findings with and without the gates are the same.
 */
import * as mask from './char-mask';
import * as sqlWords from './sqli/word-scan';
import { scanSqlWords } from './sqli/word-scan';
import type { AttackFamily } from './types';
import { SCRIPT_BREAKOUT } from './xss';

type Gate = (text: string, classes: number) => boolean;

// A whole value that is one comparison of two numbers, `1 like 1`,
// `1=1` or `1 is not 2`. Between tokens only what the tokenizer skips as
// space, because the comment gate already lets values with comments in.
const SQL_NUMBER_COMPARISON =
  // eslint-disable-next-line no-control-regex
  /^[\0- \x7f\xa0]*\.?[0-9][\w$.]*[\0- \x7f\xa0]*(?:[^\w\s\0-\x1f\x7f]{1,3}|(?:not[\0- \x7f\xa0]+)?(?:like|rlike|regexp|glob|sounds)|is(?:[\0- \x7f\xa0]+not)?(?:[\0- \x7f\xa0]+distinct[\0- \x7f\xa0]+from)?)[\0- \x7f\xa0]*\.?[0-9][\w$.]*[\0- \x7f\xa0]*$/i;
// A comma, optional brackets and a number: where a comparison added to a
// list starts (`b,1=1`).
const SQL_LIST_NUMBER = /,[\0- \x7f\xa0(]*\.?[0-9]/;
// A PostgreSQL dollar quote, `$$` or `$tag$`, which opens a string.
const DOLLAR_QUOTE = /\$(?:[A-Za-z_]\w*)?\$/;

const SQL_COMPARE_SYMBOLS =
  mask.EQUALS | mask.LESS | mask.GREATER | mask.BANG | mask.QUESTION;
const SQL_OPERATORS =
  mask.PLUS |
  mask.HYPHEN |
  mask.STAR |
  mask.SLASH |
  mask.PERCENT |
  mask.CARET |
  mask.PIPE |
  mask.AMPERSAND |
  mask.TILDE;
// After a quote these make an operator, comparison, call, bracket, cast,
// escape or comment: anything a string breakout continues with. A `::`
// cast is checked apart, because a lone colon is ordinary text.
const SQL_AFTER_QUOTE =
  SQL_OPERATORS |
  SQL_COMPARE_SYMBOLS |
  mask.OPEN_PAREN |
  mask.CLOSE_PAREN |
  mask.BACKSLASH |
  mask.HASH |
  mask.SEMICOLON;

/** Returns whether a comment (`#`, `--`, `/*`) or `@@` occurs. */
function sqlCommentOrVariable(text: string, classes: number): boolean {
  if ((classes & mask.HASH) !== 0) {
    return true;
  }
  if ((classes & mask.HYPHEN) !== 0 && text.includes('--')) {
    return true;
  }
  if ((classes & mask.STAR) !== 0 && (classes & mask.SLASH) !== 0) {
    return true;
  }
  return (classes & mask.AT) !== 0 && text.includes('@@');
}

/** Returns whether a logic word or operator and a comparison occur. */
function sqlCondition(text: string, classes: number, words: number): boolean {
  const logic =
    (words & sqlWords.LOGIC) !== 0 ||
    ((classes & mask.PIPE) !== 0 && text.includes('||')) ||
    ((classes & mask.AMPERSAND) !== 0 && text.includes('&&'));
  if (!logic) {
    return false;
  }
  const compareWords = sqlWords.COMPARE | sqlWords.IS;
  return (classes & SQL_COMPARE_SYMBOLS) !== 0 || (words & compareWords) !== 0;
}

// After a closing quote, a logic, comparison or arithmetic word is enough:
// `x' or 'y`, `x' like 'y`, `x' is null`, `x' div 'y`.
const SQL_WORDS_AFTER_QUOTE =
  sqlWords.LOGIC | sqlWords.COMPARE | sqlWords.IS | sqlWords.AFTER_STRING;

/** Returns whether a quote, backtick or dollar quote occurs. */
function sqlQuote(text: string, classes: number): boolean {
  // A backtick closes a quoted name, which the detector reads like a quote.
  if ((classes & (mask.QUOTE | mask.BACKTICK)) !== 0) {
    return true;
  }
  return (classes & mask.DOLLAR) !== 0 && DOLLAR_QUOTE.test(text);
}

/**
 * Returns whether a call may be cast with `::` (`f(x)::int`), or a
 * comparison of numbers may follow a comma (`b,1=1`).
 */
function sqlCastOrList(text: string, classes: number, words: number): boolean {
  if ((classes & mask.CLOSE_PAREN) !== 0 && (classes & mask.COLON) !== 0) {
    if (text.includes('::')) {
      return true;
    }
  }
  const compares =
    (classes & SQL_COMPARE_SYMBOLS) !== 0 ||
    (words & (sqlWords.COMPARE | sqlWords.IS)) !== 0;
  return (classes & mask.COMMA) !== 0 && compares && SQL_LIST_NUMBER.test(text);
}

function maySql(text: string, classes: number): boolean {
  if (sqlCommentOrVariable(text, classes)) {
    return true;
  }
  const quote = sqlQuote(text, classes);
  if (quote && ((classes & SQL_AFTER_QUOTE) !== 0 || text.includes('::'))) {
    return true;
  }

  // The rest needs listed words, found in one scan.
  const words = scanSqlWords(text);
  if ((words & (sqlWords.ANY_CONTEXT | sqlWords.LEADING)) !== 0) {
    return true;
  }
  if (quote && (words & SQL_WORDS_AFTER_QUOTE) !== 0) {
    return true;
  }
  if (sqlCondition(text, classes, words)) {
    return true;
  }

  const brackets = mask.OPEN_PAREN | mask.CLOSE_PAREN;
  if ((classes & brackets) !== 0 && (words & sqlWords.FUNCTION) !== 0) {
    return true;
  }
  if ((classes & mask.SEMICOLON) !== 0 && (words & sqlWords.STATEMENT) !== 0) {
    return true;
  }
  const alias = sqlWords.AS | sqlWords.FROM;
  if ((words & alias) === alias) {
    return true;
  }

  if (sqlCastOrList(text, classes, words)) {
    return true;
  }
  const comparison = SQL_COMPARE_SYMBOLS | mask.COLON;
  const compareWords = sqlWords.COMPARE | sqlWords.IS;
  return (
    ((classes & comparison) !== 0 || (words & compareWords) !== 0) &&
    SQL_NUMBER_COMPARISON.test(text)
  );
}

const XSS_ALWAYS = mask.LESS | mask.BACKTICK | mask.BRACE | mask.AMPERSAND;
// Words before a colon that make a script or data URL or a CSS binding.
const XSS_SCHEME_WORDS = ['script', 'data', 'behavior', 'behaviour', 'binding'];

// Characters the XSS detector removes or skips between the letters of a
// scheme: controls and spaces, and other whitespace in CSS.
function isSkipped(code: number): boolean {
  if (code <= 0x20 || code === 0x7f) {
    return true;
  }
  return code > 0x7f && /\s/.test(String.fromCharCode(code));
}

/** Returns whether `word` ends before `end`, skipped characters allowed. */
function wordBefore(text: string, end: number, word: string): boolean {
  let index = end - 1;
  for (let letter = word.length - 1; letter >= 0; letter--) {
    while (index >= 0 && isSkipped(text.charCodeAt(index))) {
      index--;
    }
    if (index < 0) {
      return false;
    }
    if ((text.charCodeAt(index) | 0x20) !== word.charCodeAt(letter)) {
      return false;
    }
    index--;
  }
  return true;
}

/** Returns whether one of `words` comes before a `mark` in `text`. */
function wordBeforeMark(
  text: string,
  mark: string,
  words: readonly string[],
): boolean {
  let position = text.indexOf(mark);
  while (position >= 0) {
    for (const word of words) {
      if (wordBefore(text, position, word)) {
        return true;
      }
    }
    position = text.indexOf(mark, position + 1);
  }
  return false;
}

// Names before a bracket that the sink and CSS rules look for.
const XSS_CALLS =
  /alert|prompt|confirm|eval|settimeout|setinterval|execscript|fromcharcode|atob|btoa|document\.|expression/i;
// Names before `=`: event handlers, `.innerHTML =`, script-loading
// attributes and remote XML schemas.
const XSS_ASSIGNMENTS =
  /on[a-z]{3}|innerhtml|formaction|srcdoc|schemalocation/i;

function mayXss(text: string, classes: number): boolean {
  if ((classes & XSS_ALWAYS) !== 0) {
    return true;
  }
  // Comments inside a CSS name (`-moz-/**/binding`) and NULs inside an
  // attribute name (`on\0load=`) are removed before matching.
  if ((classes & mask.STAR) !== 0 && (classes & mask.SLASH) !== 0) {
    return true;
  }
  if ((classes & mask.EQUALS) !== 0) {
    if ((classes & mask.CONTROL) !== 0 || XSS_ASSIGNMENTS.test(text)) {
      return true;
    }
  }
  if ((classes & mask.OPEN_PAREN) !== 0 && XSS_CALLS.test(text)) {
    return true;
  }
  // UTF-7 `+ADw-` decodes to `<`.
  if ((classes & mask.PLUS) !== 0 && text.includes('+AD')) {
    return true;
  }
  if ((classes & mask.AT) !== 0 && /@import/i.test(text)) {
    return true;
  }
  // A quote closed before a sink call: `';alert(1)//`, `',alert`.
  const breakout = mask.SEMICOLON | mask.CLOSE_PAREN | mask.PLUS | mask.COMMA;
  if ((classes & mask.QUOTE) !== 0 && (classes & breakout) !== 0) {
    if ((classes & mask.CONTROL) !== 0 || SCRIPT_BREAKOUT.test(text)) {
      return true;
    }
  }
  return mayXssWords(text, classes);
}

/** Returns whether a script scheme, CSS binding, `!![]` or `!ENTITY` may occur. */
function mayXssWords(text: string, classes: number): boolean {
  if ((classes & mask.COLON) !== 0) {
    if (wordBeforeMark(text, ':', XSS_SCHEME_WORDS)) {
      return true;
    }
  }
  if ((classes & mask.BANG) !== 0) {
    if (text.includes('[') || /entity/i.test(text)) {
      return true;
    }
  }
  return (classes & mask.HYPHEN) !== 0 && /binding/i.test(text);
}

function mayPathTraversal(_text: string, classes: number): boolean {
  return (
    (classes &
      (mask.DOT |
        mask.SLASH |
        mask.BACKSLASH |
        mask.PERCENT |
        mask.NON_ASCII)) !==
    0
  );
}

// Separators, substitutions, variables, batch loops and Shellshock.
export const COMMAND_ALWAYS =
  mask.SEMICOLON |
  mask.PIPE |
  mask.AMPERSAND |
  mask.BACKTICK |
  mask.LINE_BREAK |
  mask.DOLLAR |
  mask.OPEN_PAREN |
  mask.BRACE |
  mask.PERCENT;
// Without those, only batch `if`, PowerShell cmdlets, JNDI lookups,
// binary paths and a leading command with an option or path can match.
export const COMMAND_WORDS =
  /if\s|invoke-|start-|new-object|download|executionpolicy|encodedcommand|i(?:wr|ex|rm)\s|jndi|bin\//i;
export const LEADING_ARGUMENT =
  mask.HYPHEN | mask.SLASH | mask.TILDE | mask.BACKSLASH;

function mayCommand(text: string, classes: number): boolean {
  if ((classes & COMMAND_ALWAYS) !== 0) {
    return true;
  }
  // Without those, the detector needs whitespace or a slash.
  const space = mask.SPACE | mask.CONTROL | mask.NON_ASCII;
  if ((classes & (space | mask.SLASH)) === 0) {
    return false;
  }
  return (classes & LEADING_ARGUMENT) !== 0 || COMMAND_WORDS.test(text);
}

function maySsrf(_text: string, classes: number): boolean {
  // NFKC folding turns look-alike characters into `:`, `.` and `/`.
  return (
    (classes & (mask.COLON | mask.DOT | mask.SLASH | mask.NON_ASCII)) !== 0
  );
}

function mayNoSql(_text: string, classes: number): boolean {
  return (classes & mask.DOLLAR) !== 0;
}

function mayPrototypePollution(text: string): boolean {
  return text.includes('__proto__') || text.includes('prototype');
}

/** Per family, whether its detector could match a value. */
export const GATES: Readonly<Record<AttackFamily, Gate>> = {
  sqli: maySql,
  xss: mayXss,
  path_traversal: mayPathTraversal,
  command_injection: mayCommand,
  ssrf: maySsrf,
  nosql_injection: mayNoSql,
  prototype_pollution: mayPrototypePollution,
};

export const PREFILTER_PATTERNS: readonly RegExp[] = [
  SQL_NUMBER_COMPARISON,
  SQL_LIST_NUMBER,
  DOLLAR_QUOTE,
  XSS_CALLS,
  XSS_ASSIGNMENTS,
  COMMAND_WORDS,
];
