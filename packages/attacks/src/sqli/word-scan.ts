import {
  ALWAYS_SUSPICIOUS_FUNCTIONS,
  COMPARE_WORDS,
  LOGIC_WORDS,
  SQL_FUNCTIONS,
  SYSTEM_OBJECTS,
} from './keywords';

/** Words that let a rule fire whatever surrounds them. */
export const ANY_CONTEXT = 1 << 0;
export const LOGIC = 1 << 1;
export const COMPARE = 1 << 2;
/** `not`, `div` and `mod`, which continue an expression after a string. */
export const AFTER_STRING = 1 << 3;
export const AS = 1 << 4;
export const FROM = 1 << 5;
export const FUNCTION = 1 << 6;
export const STATEMENT = 1 << 7;
/** Words that start a statement at the start of a value. */
export const LEADING = 1 << 8;
/** `is`, which compares like `=` (`1 is not 2`). */
export const IS = 1 << 9;

// Lower-case words and their flags, indexed by word length and first
// letter, so a lookup needs no substring of the value and few compares.
const WORDS: string[][] = [];
const FLAGS: number[][] = [];

function slot(length: number, firstCode: number): number {
  return length * 128 + ((firstCode | 0x20) & 0x7f);
}

function addWord(name: string, flag: number): void {
  const key = slot(name.length, name.charCodeAt(0));
  const words = (WORDS[key] ??= []);
  const flags = (FLAGS[key] ??= []);
  const index = words.indexOf(name);
  if (index >= 0) {
    flags[index] |= flag;
  } else {
    words.push(name);
    flags.push(flag);
  }
}

function addWords(words: Iterable<string>, flag: number): void {
  for (const word of words) {
    // Dotted names (`mysql.user`, `utl_http.request`) are found by the
    // part before the dot, which the scan reads as a word of its own.
    addWord(word.split('.')[0] ?? word, flag);
  }
}

addWords(
  ['union', 'select', 'order', 'group', 'into', 'waitfor', ...SYSTEM_OBJECTS],
  ANY_CONTEXT,
);
addWords(LOGIC_WORDS, LOGIC);
addWords(COMPARE_WORDS, COMPARE);
addWords(['not', 'div', 'mod'], AFTER_STRING);
addWords(['as'], AS);
addWords(['is'], IS);
addWords(['from'], FROM);
addWords([...SQL_FUNCTIONS, ...ALWAYS_SUSPICIOUS_FUNCTIONS], FUNCTION);
addWords(
  [
    'select',
    'insert',
    'update',
    'delete',
    'drop',
    'create',
    'alter',
    'truncate',
    'exec',
    'execute',
    'declare',
    'set',
    'waitfor',
    'shutdown',
    'replace',
  ],
  STATEMENT,
);
addWords(['create', 'alter', 'drop', 'exec', 'execute'], LEADING);

const MAX_WORD = Math.floor((WORDS.length - 1) / 128);
// A dense copy: a sparse array falls back to slow dictionary elements.
const NO_WORDS: string[] = [];
const WORD_TABLE: string[][] = Array.from(
  { length: WORDS.length },
  (_, key) => WORDS[key] ?? NO_WORDS,
);

// Classes of ASCII characters inside a word run.
const WORD_CHAR = 1;
const DIGIT = 2;
const CHAR_CLASSES = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const char = String.fromCharCode(code);
  if (/[0-9]/.test(char)) {
    CHAR_CLASSES[code] = WORD_CHAR | DIGIT;
  } else if (/[A-Za-z_$]/.test(char)) {
    CHAR_CLASSES[code] = WORD_CHAR;
  }
}

function charClass(code: number): number {
  return code < 128 ? CHAR_CLASSES[code] : 0;
}

/** Looks up `text[start, end)` case-insensitively; 0 when absent. */
function lookUp(text: string, start: number, end: number): number {
  const key = slot(end - start, text.charCodeAt(start));
  if (key >= WORD_TABLE.length) {
    return 0;
  }
  const words = WORD_TABLE[key];
  for (let entry = 0; entry < words.length; entry++) {
    const word = words[entry];
    let index = 0;
    while (index < word.length) {
      // Inside a word run `| 0x20` only lower-cases ASCII letters: digits,
      // `_` and `$` map to themselves on both sides.
      const code = text.charCodeAt(start + index) | 0x20;
      if (code !== (word.charCodeAt(index) | 0x20)) {
        break;
      }
      index++;
    }
    if (index === word.length) {
      return FLAGS[key][entry];
    }
  }
  return 0;
}

/**
 * Returns the flags of the listed SQL words in `text`. A word is a run of
 * letters, digits, `_` and `$`, as the tokenizer reads it. The part after
 * leading digits counts as well, because the tokenizer splits `1union`.
 */
export function scanSqlWords(text: string): number {
  let flags = 0;
  let index = 0;
  while (index < text.length) {
    if ((charClass(text.charCodeAt(index)) & WORD_CHAR) === 0) {
      index++;
      continue;
    }
    const start = index;
    let previous = 0;
    let digitThenLetter = false;
    while (index < text.length) {
      const current = charClass(text.charCodeAt(index));
      if ((current & WORD_CHAR) === 0) {
        break;
      }
      digitThenLetter ||= (previous & DIGIT) !== 0 && (current & DIGIT) === 0;
      previous = current;
      index++;
    }
    if (index - start <= MAX_WORD) {
      flags |= lookUp(text, start, index);
    }
    if (digitThenLetter) {
      flags |= lookUpAfterDigits(text, start, index);
    }
  }
  return flags;
}

/** Looks up each part of a run that starts after a digit: `1union`. */
function lookUpAfterDigits(text: string, start: number, end: number): number {
  let flags = 0;
  for (let split = start + 1; split < end; split++) {
    const before = charClass(text.charCodeAt(split - 1));
    const current = charClass(text.charCodeAt(split));
    if ((before & DIGIT) !== 0 && (current & DIGIT) === 0) {
      if (end - split <= MAX_WORD) {
        flags |= lookUp(text, split, end);
      }
    }
  }
  return flags;
}
