import { SQL_RULES } from './rules';
import { tokenize } from './tokenizer';
import type { SqlContext } from './tokens';

// Inputs shorter than this cannot hold an injection such as `'--`.
const MIN_LENGTH = 2;

/**
 * Classifies `value` as SQL injection. It tokenizes the value in the four
 * places an application may paste it: bare, after a single quote, after a
 * double quote, and after the backtick of a MySQL quoted name. Rules then
 * match the token sequences, and the id of the first match is returned.
 */
export function detectSqlInjection(value: string): string | undefined {
  if (value.length < MIN_LENGTH) {
    return undefined;
  }
  const contexts: SqlContext[] = [''];
  if (value.includes("'")) {
    contexts.push("'");
  }
  if (value.includes('"')) {
    contexts.push('"');
  }
  if (value.includes('`')) {
    contexts.push('`');
  }
  for (const quote of contexts) {
    const stream = tokenize(value, quote);
    for (const rule of SQL_RULES) {
      const id = rule(stream);
      if (id !== undefined) {
        return id;
      }
    }
  }
  return undefined;
}
