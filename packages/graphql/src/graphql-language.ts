import type { GraphqlLanguage } from './internal-types';

/**
 * The `visit` and `print` functions of the graphql module that the app
 * loaded, captured when graphql's files are required. Any loaded copy can
 * walk and print any document, because documents are plain objects.
 */
export const graphqlLanguage: GraphqlLanguage = {};

/** Stores `visit` from a loaded `graphql/language/visitor` module. */
export function captureVisitor(moduleExports: unknown): void {
  const visit = (moduleExports as GraphqlLanguage | undefined)?.visit;
  if (typeof visit === 'function') graphqlLanguage.visit = visit;
}

/** Stores `print` from a loaded `graphql/language/printer` module. */
export function capturePrinter(moduleExports: unknown): void {
  const print = (moduleExports as GraphqlLanguage | undefined)?.print;
  if (typeof print === 'function') graphqlLanguage.print = print;
}
