import { analyseBacktracking } from './backtracking-analysis';
import { checkPatternStructure } from './pattern-structure';
import { rewriteHint } from './rewrite-hint';

// Flags a configured pattern may carry. The scan adds 'g' itself, and 'y'
// would stop it after the first miss.
const ALLOWED_FLAGS = /^[imsu]*$/;

function describe(pattern: RegExp): string {
  return `/${pattern.source}/${pattern.flags}`;
}

function rejection(pattern: RegExp, name: string, problem: string): string {
  return `${name} ${describe(pattern)} is rejected because it can backtrack catastrophically: ${problem}.`;
}

function analysedRejection(pattern: RegExp, name: string): string | undefined {
  const { literal, problem } = checkPatternStructure(pattern);
  const hint = rewriteHint(literal);
  if (problem !== undefined) {
    return `${rejection(pattern, name, problem)} ${hint}`;
  }
  const analysis = analyseBacktracking(pattern);
  if (analysis.safe) {
    return undefined;
  }
  if (analysis.undecided) {
    return `${name} ${describe(pattern)} is rejected because its running time could not be bounded: ${analysis.reason}. ${hint}`;
  }
  return `${rejection(pattern, name, analysis.reason)} ${hint}`;
}

/**
 * Checks that a configured pattern runs in linear time. Returns undefined
 * when the pattern is safe, or else a message that explains what is wrong,
 * why, and how to rewrite it. Rejected: patterns over 1000 characters,
 * backreferences, bounded repetitions nested to more than 1024 steps,
 * patterns that scslre or recheck's automaton checker finds vulnerable,
 * and patterns that recheck cannot decide within its time limit.
 */
export function checkPatternSafety(
  pattern: RegExp,
  name: string,
): string | undefined {
  try {
    return analysedRejection(pattern, name);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return `${name} ${describe(pattern)} is rejected because it could not be analysed (${detail}). Simplify the pattern and bound each repetition.`;
  }
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
