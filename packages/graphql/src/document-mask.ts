import type { ASTNode } from 'graphql';
import { KIND } from './ast-kinds';
import type {
  DocumentNode,
  GraphqlLanguage,
  MaskedDocument,
} from './internal-types';

/** Text that replaces every string and number literal in a recorded document. */
export const LITERAL_PLACEHOLDER = '***';

/** Literal values kept per document for masking error messages. */
const MAX_LITERALS = 200;

const cache = new WeakMap<DocumentNode, MaskedDocument & { limit: number }>();

/**
 * Prints a document with its string and number literals replaced by a
 * placeholder string, cut at `maxLength` characters. Results are cached per
 * document object, because servers such as Apollo reuse parsed documents.
 */
export function maskDocument(
  document: DocumentNode,
  language: GraphqlLanguage,
  maxLength: number,
): MaskedDocument | undefined {
  const cached = cache.get(document);
  if (cached !== undefined && cached.limit === maxLength) return cached;
  const { visit, print } = language;
  if (visit === undefined || print === undefined) return undefined;

  const literals = new Set<string>();
  const placeholder = (node: ASTNode): ASTNode => {
    if ('value' in node && typeof node.value === 'string') {
      if (literals.size < MAX_LITERALS) literals.add(node.value);
    }
    return { kind: KIND.STRING_VALUE, value: LITERAL_PLACEHOLDER };
  };
  const masked = visit(document, {
    IntValue: placeholder,
    FloatValue: placeholder,
    StringValue: placeholder,
  });
  const text = print(masked);
  const truncated = text.length > maxLength;
  const result = {
    text: truncated ? text.slice(0, maxLength) : text,
    truncated,
    literals,
    limit: maxLength,
  };
  cache.set(document, result);
  return result;
}
