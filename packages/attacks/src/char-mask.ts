/**
 * A bit set of the character classes present in a value, computed in one
 * pass so that each detector can tell from it whether it could match at all.
 */

export const QUOTE = 1 << 0;
export const BACKTICK = 1 << 1;
export const OPEN_PAREN = 1 << 2;
export const CLOSE_PAREN = 1 << 3;
export const SEMICOLON = 1 << 4;
export const EQUALS = 1 << 5;
export const LESS = 1 << 6;
export const GREATER = 1 << 7;
export const BANG = 1 << 8;
export const QUESTION = 1 << 9;
export const PLUS = 1 << 10;
export const HYPHEN = 1 << 11;
export const STAR = 1 << 12;
export const SLASH = 1 << 13;
export const PERCENT = 1 << 14;
export const CARET = 1 << 15;
export const PIPE = 1 << 16;
export const AMPERSAND = 1 << 17;
export const TILDE = 1 << 18;
export const HASH = 1 << 19;
export const AT = 1 << 20;
export const COLON = 1 << 21;
export const BACKSLASH = 1 << 22;
export const DOT = 1 << 23;
export const DOLLAR = 1 << 24;
export const BRACE = 1 << 25;
export const COMMA = 1 << 26;
export const LINE_BREAK = 1 << 27;
/** Control characters other than line breaks, NUL included. */
export const CONTROL = 1 << 28;
export const NON_ASCII = 1 << 29;
export const SPACE = 1 << 30;

const ASCII_CLASSES = new Int32Array(128);

function assign(chars: string, bit: number): void {
  for (const char of chars) {
    ASCII_CLASSES[char.charCodeAt(0)] |= bit;
  }
}

assign('\'"', QUOTE);
assign('`', BACKTICK);
assign('(', OPEN_PAREN);
assign(')', CLOSE_PAREN);
assign(';', SEMICOLON);
assign('=', EQUALS);
assign('<', LESS);
assign('>', GREATER);
assign('!', BANG);
assign('?', QUESTION);
assign('+', PLUS);
assign('-', HYPHEN);
assign('*', STAR);
assign('/', SLASH);
assign('%', PERCENT);
assign('^', CARET);
assign('|', PIPE);
assign('&', AMPERSAND);
assign('~', TILDE);
assign('#', HASH);
assign('@', AT);
assign(':', COLON);
assign('\\', BACKSLASH);
assign('.', DOT);
assign('$', DOLLAR);
assign('{}', BRACE);
assign(',', COMMA);
assign('\n\r', LINE_BREAK);
assign(' ', SPACE);
for (let code = 0; code < 0x20; code++) {
  if (code !== 0x0a && code !== 0x0d) {
    ASCII_CLASSES[code] |= CONTROL;
  }
}
ASCII_CLASSES[0x7f] |= CONTROL;

/** Returns the classes of the characters in `text` as a bit set. */
export function charMask(text: string): number {
  let mask = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    mask |= code < 128 ? ASCII_CLASSES[code] : NON_ASCII;
  }
  return mask;
}
