import type { AST } from '@eslint-community/regexpp';
import { visitRegExpAST } from '@eslint-community/regexpp';

type Alternation = AST.Group | AST.CapturingGroup;

const GENERAL_HINT =
  'Bound each repetition (for example {1,64} in place of + or *) and do not repeat a group that contains a repetition.';
// A search can start at every position of the text, unless the pattern is
// anchored at the start, and then a lookbehind is the usual way to keep a
// match from starting inside a run.
const LOOKBEHIND_HINT =
  ' Start the pattern with a lookbehind such as (?<![A-Za-z0-9]) so a match cannot start inside a run.';

function generalHint(literal: AST.RegExpLiteral | undefined): string {
  const anchored = literal?.pattern.raw.startsWith('^') === true;
  return anchored ? GENERAL_HINT : GENERAL_HINT + LOOKBEHIND_HINT;
}

// Characters that change meaning inside a character class.
const CLASS_SYNTAX = new Set(['\\', ']', '^', '-']);

/** Returns the text that matches `element` inside a character class, or undefined when it has none. */
function classMember(element: AST.Element): string | undefined {
  if (element.type === 'Character') {
    return CLASS_SYNTAX.has(element.raw) ? `\\${element.raw}` : element.raw;
  }
  if (element.type === 'CharacterSet' && element.kind !== 'any') {
    return element.raw;
  }
  if (
    element.type === 'CharacterClass' &&
    !element.negate &&
    !element.unicodeSets
  ) {
    return element.raw.slice(1, -1);
  }
  return undefined;
}

function mergedClass(group: Alternation): string | undefined {
  const members: string[] = [];
  for (const alternative of group.alternatives) {
    const member =
      alternative.elements.length === 1
        ? classMember(alternative.elements[0])
        : undefined;
    if (member === undefined) {
      return undefined;
    }
    members.push(member);
  }
  return `[${members.join('')}]`;
}

/** Finds the first group of two or more alternatives under an unbounded quantifier. */
function repeatedAlternation(
  literal: AST.RegExpLiteral,
): Alternation | undefined {
  let found: Alternation | undefined;
  visitRegExpAST(literal, {
    onQuantifierEnter(node) {
      const element = node.element;
      if (
        found === undefined &&
        node.max === Infinity &&
        (element.type === 'Group' || element.type === 'CapturingGroup') &&
        element.alternatives.length > 1
      ) {
        found = element;
      }
    },
  });
  return found;
}

/**
 * Returns how to rewrite a pattern that can backtrack catastrophically:
 * one character class in place of repeated single-character alternatives,
 * alternatives that cannot match the same text, or else the general rules.
 */
export function rewriteHint(literal: AST.RegExpLiteral | undefined): string {
  const group =
    literal === undefined ? undefined : repeatedAlternation(literal);
  if (group === undefined) {
    return generalHint(literal);
  }
  const merged = mergedClass(group);
  if (merged !== undefined) {
    return `Use one character class ${merged} in place of ${group.raw}, because a repeated choice between alternatives that match the same character gives the engine many ways to split one input.`;
  }
  return `Rewrite ${group.raw} so that no two of its alternatives can match the same text, or replace the + or * around it with a bound such as {1,64}.`;
}
