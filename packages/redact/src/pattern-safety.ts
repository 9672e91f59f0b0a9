import type { AST } from '@eslint-community/regexpp';
import { parseRegExpLiteral, visitRegExpAST } from '@eslint-community/regexpp';
import { analyse } from 'scslre';

const MAX_PATTERN_LENGTH = 1000;
// Flags a configured pattern may carry. The scan adds 'g' itself, and 'y'
// would stop it after the first miss.
const ALLOWED_FLAGS = /^[imsu]*$/;
// Nested repetitions that together allow more steps than this are treated
// as unbounded.
const MAX_NESTED_REPETITIONS = 1024;

function describe(pattern: RegExp): string {
  return `/${pattern.source}/${pattern.flags}`;
}

function nestedRepetition(literal: AST.RegExpLiteral): string | undefined {
  let found: string | undefined;
  visitRegExpAST(literal, {
    onQuantifierEnter(node) {
      if (found !== undefined || node.max <= 1) {
        return;
      }
      let parent = node.parent as AST.Node | null;
      for (; parent !== null; parent = parent.parent) {
        if (parent.type !== 'Quantifier' || parent.max <= 1) {
          continue;
        }
        const steps = parent.max * node.max;
        if (!Number.isFinite(steps) || steps > MAX_NESTED_REPETITIONS) {
          found = `${parent.raw} repeats ${node.raw}, which is repeated too`;
          return;
        }
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

function backtrackingReport(pattern: RegExp): string | undefined {
  const report = analyse({ source: pattern.source, flags: pattern.flags })
    .reports[0];
  if (report === undefined) {
    return undefined;
  }
  const growth = report.exponential ? 'exponentially' : 'polynomially';
  const character = report.character.literal.source;
  return `its running time grows ${growth} on a long run of ${character}`;
}

function parseProblem(pattern: RegExp): string | undefined {
  if (pattern.source.length > MAX_PATTERN_LENGTH) {
    return `is longer than ${MAX_PATTERN_LENGTH} characters`;
  }
  let literal: AST.RegExpLiteral;
  try {
    literal = parseRegExpLiteral(pattern);
  } catch (error) {
    return `cannot be parsed (${error instanceof Error ? error.message : String(error)})`;
  }
  if (hasBackreference(literal)) {
    return 'uses a backreference, whose running time cannot be bounded';
  }
  const nested = nestedRepetition(literal);
  return nested === undefined ? backtrackingReport(pattern) : nested;
}

/**
 * Checks that a configured pattern runs in linear time. Returns a message
 * that explains the problem and the fix, or undefined when the pattern is
 * safe. Rejected: backreferences, a repetition inside a repetition, and any
 * pattern that scslre's analysis finds to backtrack on a long run of one
 * character.
 */
export function checkPatternSafety(
  pattern: RegExp,
  name: string,
): string | undefined {
  let problem: string | undefined;
  try {
    problem = parseProblem(pattern);
  } catch (error) {
    problem = `could not be analysed (${error instanceof Error ? error.message : String(error)})`;
  }
  if (problem === undefined) {
    return undefined;
  }
  return `${name} ${describe(pattern)} is rejected because it can backtrack catastrophically: ${problem}. Bound each repetition (for example {1,64} in place of + or *), do not repeat a group that contains a repetition, and start the pattern with a lookbehind such as (?<![A-Za-z0-9]) so a match cannot start inside a run.`;
}

/** Compiles a configured pattern given as a string or RegExp, returning the RegExp or a message. */
export function compilePattern(
  value: unknown,
  flags: unknown,
  name: string,
): RegExp | string {
  if (value instanceof RegExp) {
    return value;
  }
  if (typeof value !== 'string' || value === '') {
    return `${name} must be a non-empty string or a RegExp; it is ignored.`;
  }
  const flagText = typeof flags === 'string' ? flags : '';
  if (!ALLOWED_FLAGS.test(flagText)) {
    return `${name} has flags "${flagText}", but only i, m, s and u are allowed; it is ignored.`;
  }
  try {
    return new RegExp(value, flagText);
  } catch (error) {
    return `${name} is not a valid regular expression (${error instanceof Error ? error.message : String(error)}); it is ignored.`;
  }
}
