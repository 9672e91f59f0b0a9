import type { Kind } from 'graphql';

/**
 * The `Kind` values of graphql's AST that capture compares against. They are
 * spelled out here because this package never loads graphql itself; the
 * casts give them graphql's enum types so comparisons narrow node types.
 */
export const KIND = {
  ARGUMENT: 'Argument' as unknown as Kind.ARGUMENT,
  FRAGMENT_DEFINITION:
    'FragmentDefinition' as unknown as Kind.FRAGMENT_DEFINITION,
  NAMED_TYPE: 'NamedType' as unknown as Kind.NAMED_TYPE,
  OBJECT_FIELD: 'ObjectField' as unknown as Kind.OBJECT_FIELD,
  OPERATION_DEFINITION:
    'OperationDefinition' as unknown as Kind.OPERATION_DEFINITION,
  STRING_VALUE: 'StringValue' as unknown as Kind.STRING,
} as const;
