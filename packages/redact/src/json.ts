import type { RedactionContext } from './context';
import { redactJsonText } from './json-text';
import { redactJsonTree } from './json-tree';

// JSON.parse rounds integers beyond 2^53 (17 digits and more). Writing such
// a document back would change those numbers and still show most of their
// digits, so these documents take the text pass, which keeps them exact.
const UNSAFE_INTEGER = /\d{17}/;

/**
 * Redacts a JSON document. Valid JSON is parsed, walked and serialized,
 * and comes back unchanged when nothing was masked; anything else goes
 * through the token-level text pass.
 */
export function redactJson(
  text: string,
  context: RedactionContext,
  truncated: boolean,
  prefix: string,
): string {
  if (truncated || UNSAFE_INTEGER.test(text)) {
    return redactJsonText(text, context, prefix);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Invalid JSON is expected input here, not an internal error.
    return redactJsonText(text, context, prefix);
  }
  const result = redactJsonTree(parsed, context, prefix);
  return result.masked ? result.text : text;
}
