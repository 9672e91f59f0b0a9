import type { DefinitionNode, OperationDefinitionNode } from 'graphql';
import { KIND } from './ast-kinds';
import type { DocumentNode } from './internal-types';

/**
 * Finds the operation that graphql executes: the one named `operationName`,
 * or the only operation of the document. Returns undefined where graphql
 * itself reports an error.
 */
export function selectOperation(
  document: DocumentNode | undefined,
  operationName: string | null | undefined,
): OperationDefinitionNode | undefined {
  const operations = definitionsOf(document).filter(
    (definition): definition is OperationDefinitionNode =>
      definition?.kind === KIND.OPERATION_DEFINITION,
  );
  if (operationName !== undefined && operationName !== null) {
    return operations.find(
      (operation) => operation.name?.value === operationName,
    );
  }
  return operations.length === 1 ? operations[0] : undefined;
}

/** Returns the document's definitions, or none when the value is not a document. */
export function definitionsOf(document: unknown): readonly DefinitionNode[] {
  const definitions = (document as DocumentNode | undefined)?.definitions;
  return Array.isArray(definitions)
    ? (definitions as readonly DefinitionNode[])
    : [];
}
