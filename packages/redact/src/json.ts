import type { RedactionContext } from './context';
import { redactGraphqlRequest } from './graphql-request';
import { redactJsonScan } from './json-scan';
import { redactJsonText } from './json-text';

/**
 * Redacts a JSON document. GraphQL requests get their variables mapped to
 * the arguments they feed. Other JSON, complete or cut by a size limit,
 * takes the one-pass scan that keeps the layout, and text that is not JSON
 * takes the lenient token pass.
 */
export function redactJson(
  text: string,
  context: RedactionContext,
  truncated: boolean,
  prefix: string,
): string {
  // 'q' is rare in JSON and '"' is everywhere, so searching for `query"`
  // is much faster than searching for `"query"`.
  if (!truncated && text.includes('query"') && text.includes('"query"')) {
    const graphql = redactGraphqlRequest(text, context, prefix);
    if (graphql !== undefined) {
      return graphql;
    }
  }
  const scanned = redactJsonScan(text, context, prefix, {
    truncated,
    depth: 0,
  });
  // Invalid JSON is expected input here (JavaScript object literals,
  // comments, single quotes), not an internal error.
  return scanned ?? redactJsonText(text, context, prefix, truncated);
}
