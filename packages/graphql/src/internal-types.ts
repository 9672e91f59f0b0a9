import type {
  DocumentNode,
  ExecutionArgs,
  GraphQLFieldResolver,
  GraphQLSchema,
  print,
  visit,
} from 'graphql';

/**
 * The parts of the app's own `graphql` module that capture uses. They are
 * taken from the module the app loaded, so no second copy of graphql runs.
 */
export interface GraphqlLanguage {
  visit?: typeof visit;
  print?: typeof print;
}

/** A resolver function as graphql calls it. */
export type Resolver = GraphQLFieldResolver<unknown, unknown>;

/** A source location of a function, as the inspector reports it (1-based). */
export interface CodeLocation {
  functionName: string;
  filePath: string;
  line: number;
  column: number;
}

/** The masked document and the literal values it hid, cached per document. */
export interface MaskedDocument {
  text: string;
  truncated: boolean;
  /** Literal values of the document, masked in error messages too. */
  literals: ReadonlySet<string>;
}

export type { DocumentNode, ExecutionArgs, GraphQLSchema };
