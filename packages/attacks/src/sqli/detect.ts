import { SQL_RULES } from './rules';
import { tokenize } from './tokenizer';

// Inputs shorter than this cannot hold an injection such as `'--`.
const MIN_LENGTH = 2;

/**
 * Classifies `value` as SQL injection by tokenizing it in the three places
 * an application may paste it (bare, after a single quote, after a double
 * quote) and matching the token sequences against the rules. Returns the
 * id of the first rule that matches.
 */
export function detectSqlInjection(value: string): string | undefined {
  if (value.length < MIN_LENGTH) {
    return undefined;
  }
  const contexts: Array<'' | "'" | '"'> = [''];
  if (value.includes("'")) {
    contexts.push("'");
  }
  if (value.includes('"')) {
    contexts.push('"');
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
