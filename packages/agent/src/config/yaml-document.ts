import { LineCounter, parseDocument } from 'yaml';
import { checkYamlComplexity } from './yaml-limits';

/**
 * Maximum alias expansions while converting a document. The limit stops
 * "billion laughs" files, whose few nested aliases can expand to hundreds
 * of millions of nodes.
 */
export const MAX_YAML_ALIAS_COUNT = 100;

/** Result of parsing the configuration file's text. */
export type YamlParseResult =
  | {
      ok: true;
      tree: object;
      /** Returns the 1-based line of a key path, when the document has it. */
      locate: (path: readonly string[]) => number | undefined;
    }
  | { ok: false; reason: string };

function describeTopLevel(tree: unknown): string {
  if (Array.isArray(tree)) return 'a sequence';
  return `a ${typeof tree} value`;
}

/**
 * Parses YAML 1.2 text into a plain tree. Errors name only the position and
 * the parser's error code, never the text around it, which may contain
 * credentials.
 */
export function parseYamlConfig(text: string): YamlParseResult {
  try {
    return parseChecked(text);
  } catch (error) {
    // Deeply nested input can exhaust the stack inside the parser.
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `YAML could not be parsed: ${reason}` };
  }
}

function parseChecked(text: string): YamlParseResult {
  const tooComplex = checkYamlComplexity(text);
  if (tooComplex !== undefined) return { ok: false, reason: tooComplex };
  // NOTE: 16 KiB of malformed YAML such as repeated `,:` lines still takes
  // up to about 1 s to reject on a 2-core machine, because every error the
  // parser records costs time.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    // Keeps errors in doc.errors but stops the parser from printing
    // warnings on the host process.
    logLevel: 'error',
    uniqueKeys: true,
  });
  const [first] = doc.errors;
  if (first !== undefined) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    const more =
      doc.errors.length > 1 ? ` and ${doc.errors.length - 1} more errors` : '';
    return {
      ok: false,
      reason: `YAML error ${first.code} at line ${line}, column ${col}${more}`,
    };
  }
  let tree: unknown;
  try {
    tree = doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `YAML could not be converted: ${reason}` };
  }
  // An empty file or one holding only comments sets nothing.
  if (tree === null || tree === undefined) tree = {};
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) {
    return {
      ok: false,
      reason: `the top level is ${describeTopLevel(tree)}, not a mapping of settings`,
    };
  }
  const locate = (path: readonly string[]): number | undefined => {
    try {
      const node: unknown = doc.getIn(path, true);
      const range = (node as { range?: unknown } | undefined)?.range;
      return Array.isArray(range) && typeof range[0] === 'number'
        ? lineCounter.linePos(range[0]).line
        : undefined;
    } catch {
      return undefined;
    }
  };
  return { ok: true, tree, locate };
}
