import type { RedactionContext } from './context';
import { redactGraphqlRequest } from './graphql-request';
import { redactJsonScan } from './json-scan';
import { redactJsonText } from './json-text';
import { redactJsonWasm } from './json-wasm';

/** The engine of the one-pass JSON scan. */
export type JsonEngine = 'wasm' | 'javascript';

let engine: JsonEngine = 'wasm';

/**
 * Selects the engine of the one-pass JSON scan for the whole process, for
 * tests and benchmarks that compare the two. The WebAssembly engine falls
 * back to the JavaScript one wherever it cannot give the same output.
 */
export function setJsonEngine(selected: JsonEngine): void {
  engine = selected;
}

/** Returns the engine that {@link setJsonEngine} selected. */
export function jsonEngine(): JsonEngine {
  return engine;
}

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
  if (engine === 'wasm') {
    const redacted = redactJsonWasm(text, context, prefix, truncated);
    if (redacted !== false) {
      return redacted;
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
