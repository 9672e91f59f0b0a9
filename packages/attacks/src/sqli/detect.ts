import { SQL_RULES } from './rules';
import { tokenize } from './tokenizer';
import type { SqlContext } from './tokens';

// Inputs shorter than this cannot hold an injection such as `'--`.
const MIN_LENGTH = 2;

/** A place where a value may be pasted, with or without MySQL escapes. */
interface Reading {
  quote: SqlContext;
  backslashEscapes: boolean;
}

/**
 * Returns the readings of `value`: bare, after each quote it contains,
 * and, where a backslash precedes that quote, after the quote with MySQL
 * backslash escapes, so `x\''or'1` breaks out in both readings.
 */
function readingsOf(value: string): Reading[] {
  const readings: Reading[] = [{ quote: '', backslashEscapes: false }];
  for (const quote of ["'", '"', '`'] as const) {
    if (!value.includes(quote)) {
      continue;
    }
    readings.push({ quote, backslashEscapes: false });
    if (quote !== '`' && value.includes(`\\${quote}`)) {
      readings.push({ quote, backslashEscapes: true });
    }
  }
  return readings;
}

/**
 * Classifies `value` as SQL injection. It tokenizes the value in the four
 * places an application may paste it: bare, after a single quote, after a
 * double quote, and after the backtick of a MySQL quoted name, and after a
 * quote that a backslash precedes also with MySQL escapes. Rules then
 * match the token sequences, and the id of the first match is returned.
 */
export function detectSqlInjection(value: string): string | undefined {
  if (value.length < MIN_LENGTH) {
    return undefined;
  }
  for (const reading of readingsOf(value)) {
    const stream = tokenize(value, reading.quote, reading.backslashEscapes);
    for (const rule of SQL_RULES) {
      const id = rule(stream);
      if (id !== undefined) {
        return id;
      }
    }
  }
  return undefined;
}
