import type {
  ASTNode,
  OperationDefinitionNode,
  TypeNode,
  VariableDefinitionNode,
  VariableNode,
} from 'graphql';
import { KIND } from './ast-kinds';
import type { DocumentNode, GraphqlLanguage } from './internal-types';

/**
 * For each variable of an operation, the names that decide whether its value
 * is sensitive: the variable's own name, its declared type name, and every
 * argument and input object field it feeds. So `login(password: $p)` gives
 * `$p` the name `password`, and `f(input: {secret: $s})` gives `$s` both
 * `secret` and `input`.
 */
export type VariableSinks = ReadonlyMap<string, ReadonlySet<string>>;

const cache = new WeakMap<OperationDefinitionNode, VariableSinks>();

/**
 * Maps the variables of `operation` to the names they feed, walking the
 * operation and the document's fragments with graphql's own visitor. Results
 * are cached per operation node.
 */
export function mapVariableSinks(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  language: GraphqlLanguage,
): VariableSinks | undefined {
  const cached = cache.get(operation);
  if (cached !== undefined) return cached;
  const visit = language.visit;
  if (visit === undefined) return undefined;

  const sinks = new Map<string, Set<string>>();
  const namesOf = (variable: string): Set<string> => {
    let names = sinks.get(variable);
    if (names === undefined) {
      names = new Set([variable]);
      sinks.set(variable, names);
    }
    return names;
  };
  const visitor = {
    VariableDefinition(node: VariableDefinitionNode) {
      namesOf(node.variable.name.value).add(namedType(node.type));
    },
    Variable(
      node: VariableNode,
      _key: unknown,
      parent: ASTNode | readonly ASTNode[] | undefined,
      _path: unknown,
      ancestors: ReadonlyArray<ASTNode | readonly ASTNode[]>,
    ) {
      const names = namesOf(node.name.value);
      // graphql passes the direct parent separately from the other ancestors.
      const chain = parent === undefined ? ancestors : [...ancestors, parent];
      for (const name of feedingNames(chain)) names.add(name);
    },
  };
  visit(operation, visitor);
  for (const definition of document.definitions) {
    if (definition.kind === KIND.FRAGMENT_DEFINITION)
      visit(definition, visitor);
  }
  cache.set(operation, sinks);
  return sinks;
}

/** Names of the input object fields and the argument around a variable, innermost first. */
function feedingNames(
  ancestors: ReadonlyArray<ASTNode | readonly ASTNode[]>,
): string[] {
  const names: string[] = [];
  for (let index = ancestors.length - 1; index >= 0; index--) {
    const ancestor = ancestors[index];
    if (ancestor === undefined || !('kind' in ancestor)) continue;
    if (ancestor.kind === KIND.OBJECT_FIELD) names.push(ancestor.name.value);
    if (ancestor.kind === KIND.ARGUMENT) {
      names.push(ancestor.name.value);
      break;
    }
  }
  return names;
}

function namedType(type: TypeNode): string {
  return type.kind === KIND.NAMED_TYPE ? type.name.value : namedType(type.type);
}
