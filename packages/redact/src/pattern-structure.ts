import type { AST } from '@eslint-community/regexpp';
import { parseRegExpLiteral, visitRegExpAST } from '@eslint-community/regexpp';

const MAX_PATTERN_LENGTH = 1000;
// Bounded repetitions nested inside each other that together allow more
// steps than this are rejected. The backtracking analysis treats such a
// pattern as finite and so as safe, although V8 may try every split.
const MAX_NESTED_REPETITIONS = 1024;

/** A parsed pattern, or the reason why it is rejected before any analysis. */
export interface StructureResult {
  /** Unset when the pattern does not parse. */
  readonly literal?: AST.RegExpLiteral;
  /** Set when the pattern is rejected. */
  readonly problem?: string;
}

function nestedBoundedRepetition(
  literal: AST.RegExpLiteral,
): string | undefined {
  let found: string | undefined;
  visitRegExpAST(literal, {
    onQuantifierEnter(node) {
      if (found !== undefined || node.max <= 1) {
        return;
      }
      for (let parent = node.parent as AST.Node | null; parent !== null;) {
        if (parent.type === 'Quantifier' && parent.max > 1) {
          const steps = parent.max * node.max;
          // Unbounded nesting is left to the backtracking analysis, which
          // accepts unambiguous forms such as ^(?:[a-z]+\.)*example$.
          if (Number.isFinite(steps) && steps > MAX_NESTED_REPETITIONS) {
            found = `${parent.raw} repeats ${node.raw} up to ${steps} times in total`;
            return;
          }
        }
        parent = parent.parent;
      }
    },
  });
  return found;
}

function hasBackreference(literal: AST.RegExpLiteral): boolean {
  let found = false;
  visitRegExpAST(literal, {
    onBackreferenceEnter() {
      found = true;
    },
  });
  return found;
}

/**
 * Parses a pattern and rejects what needs no backtracking analysis: a
 * pattern longer than 1000 characters, one that does not parse, a
 * backreference, and bounded repetitions nested to more than 1024 steps.
 */
export function checkPatternStructure(pattern: RegExp): StructureResult {
  if (pattern.source.length > MAX_PATTERN_LENGTH) {
    return { problem: `it is longer than ${MAX_PATTERN_LENGTH} characters` };
  }
  let literal: AST.RegExpLiteral;
  try {
    literal = parseRegExpLiteral(pattern);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { problem: `it cannot be parsed (${detail})` };
  }
  if (hasBackreference(literal)) {
    return {
      literal,
      problem: 'it uses a backreference, whose running time cannot be bounded',
    };
  }
  return { literal, problem: nestedBoundedRepetition(literal) };
}
