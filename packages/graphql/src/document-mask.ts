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

type CachedMask = MaskedDocument & { limit: number };

const cache = new WeakMap<DocumentNode, CachedMask>();

/**
 * Source text of each document that graphql's `parse` returned. Servers
 * such as graphql-http parse every request anew, so the same query text
 * arrives as a new document object each time. A document fresh from
 * `parse` is fully determined by its text, so documents of the same text
 * can share one mask.
 */
const parsedSources = new WeakMap<DocumentNode, string>();
const cacheByText = new Map<string, CachedMask>();

/** Maximum number of source texts whose masks are kept. The oldest is dropped first. */
const MAX_CACHED_TEXTS = 256;
/** Maximum length of a source text used as a cache key. */
const MAX_CACHED_TEXT_LENGTH = 16 * 1024;

/**
 * Records that `document` came out of graphql's `parse` for `source`.
 * NOTE: a document that the app changes in place after `parse` still gets
 * the mask of its source text.
 */
export function rememberParsedDocument(
  document: unknown,
  source: unknown,
): void {
  const text =
    typeof source === 'string'
      ? source
      : (source as { body?: unknown } | undefined)?.body;
  if (typeof text !== 'string' || text.length > MAX_CACHED_TEXT_LENGTH) return;
  if (typeof document !== 'object' || document === null) return;
  parsedSources.set(document as DocumentNode, text);
}

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
  const sourceText = parsedSources.get(document);
  const sameText =
    sourceText === undefined ? undefined : cacheByText.get(sourceText);
  if (sameText !== undefined && sameText.limit === maxLength) {
    cache.set(document, sameText);
    return sameText;
  }
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
  if (sourceText !== undefined) rememberMask(sourceText, result);
  return result;
}

function rememberMask(sourceText: string, mask: CachedMask): void {
  cacheByText.delete(sourceText);
  if (cacheByText.size >= MAX_CACHED_TEXTS) {
    const oldest = cacheByText.keys().next().value;
    if (oldest !== undefined) cacheByText.delete(oldest);
  }
  cacheByText.set(sourceText, mask);
}
