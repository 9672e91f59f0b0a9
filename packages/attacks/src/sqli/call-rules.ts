/** SQL rules about the function calls that injected SQL makes. */
import {
  ALWAYS_SUSPICIOUS_FUNCTIONS,
  SQL_FUNCTIONS,
  SQL_TYPES,
} from './keywords';
import type { Token } from './tokens';
import type { Rule } from './token-helpers';
import {
  EXPRESSION_KINDS,
  isOperand,
  skipCall,
  skipOperand,
  startsExpression,
} from './token-helpers';

function followsSeparator(token: Token | undefined): boolean {
  return (
    token === undefined ||
    ['open', 'comma', 'operator', 'compare', 'dot'].includes(token.kind)
  );
}

/**
 * Words that standard SQL writes between the arguments of some functions:
 * `overlay(s placing 'x' from 1 for 2)`, `position('a' in s)`,
 * `cast(x as int)`, `convert(s using utf8)`, `trim(leading 'x' from s)`.
 */
const ARGUMENT_WORDS = new Set([
  'placing',
  'from',
  'for',
  'in',
  'as',
  'using',
  'leading',
  'trailing',
  'both',
]);

function isArgumentWord(token: Token | undefined): boolean {
  return (
    token !== undefined &&
    (token.kind === 'word' || token.kind === 'keyword') &&
    ARGUMENT_WORDS.has(token.text)
  );
}

const LEADING_ARGUMENT_WORDS = new Set(['leading', 'trailing', 'both']);

/**
 * Returns whether argument words sit where SQL puts them: after an operand
 * or name (`s from 1`), never first (`trim(leading ...)` aside), and with
 * a literal among the arguments, so `count (in stock)`, `left (for 2
 * days)` and other bracketed prose stay clean.
 */
function argumentWordsInPlace(inside: Token[]): boolean {
  if (!inside.some((token) => isOperand(token))) {
    return false;
  }
  return inside.every((token, index) => {
    const previous = inside[index - 1];
    if (isArgumentWord(token)) {
      return (
        previous?.kind !== 'open' || LEADING_ARGUMENT_WORDS.has(token.text)
      );
    }
    // A literal right after a plain name (`queue 3`) is prose.
    return !(
      isOperand(token) &&
      previous?.kind === 'word' &&
      !isArgumentWord(previous)
    );
  });
}

/** Returns whether every token inside a call can be part of its arguments. */
function literalArguments(inside: Token[]): boolean {
  if (inside.some(isArgumentWord) && !argumentWordsInPlace(inside)) {
    return false;
  }
  // A name counts as an argument only after a bracket, comma, operator or
  // argument word: after a number or another name it is prose, as in
  // `sleep (8 hours)`.
  return inside.every(
    (token, index) =>
      EXPRESSION_KINDS.has(token.kind) ||
      token.kind === 'dot' ||
      isArgumentWord(token) ||
      (token.kind === 'word' &&
        (followsSeparator(inside[index - 1]) ||
          isArgumentWord(inside[index - 1]))),
  );
}

/**
 * The input starts with a call to an SQL function whose arguments are
 * literals, or stops inside it: `sleep(5)`, `benchmark(`, `hex(`.
 */
export const leadingCall: Rule = ({ code, quoted }) => {
  const first = code[0];
  if (quoted || first?.kind !== 'function' || !SQL_FUNCTIONS.has(first.text)) {
    return undefined;
  }
  const inside = code.slice(1, skipCall(code, 0));
  const end = skipOperand(code, 0);
  return literalArguments(inside) && end >= code.length
    ? 'sqli.function'
    : undefined;
};

/** Calls to functions injected SQL relies on, inside an expression. */
export const functionCall: Rule = ({ code, quoted }) => {
  for (let i = 0; i < code.length; i++) {
    const token = code[i];
    if (token.kind !== 'function') {
      continue;
    }
    if (ALWAYS_SUSPICIOUS_FUNCTIONS.has(token.text)) {
      return 'sqli.function';
    }
    if (!SQL_FUNCTIONS.has(token.text)) {
      continue;
    }
    const previous = code[i - 1];
    const afterString = quoted && i >= 2 && code[0]?.closed === true;
    if (
      startsExpression(previous) &&
      (afterString ||
        previous?.kind !== 'open' ||
        startsExpression(code[i - 2]))
    ) {
      return 'sqli.function';
    }
  }
  return undefined;
};

const DELAY_FUNCTIONS = new Set(['sleep', 'pg_sleep']);

/** `sleep(5)` anywhere: a call with one number, as time-based probes send. */
export const delayCall: Rule = ({ code }) => {
  for (let i = 0; i < code.length - 3; i++) {
    if (
      code[i]?.kind === 'function' &&
      DELAY_FUNCTIONS.has(code[i]?.text ?? '') &&
      code[i + 1]?.kind === 'open' &&
      code[i + 2]?.kind === 'number' &&
      code[i + 3]?.kind === 'close'
    ) {
      return 'sqli.function';
    }
  }
  return undefined;
};

/**
 * A call of any function cast to an SQL type with PostgreSQL's `::`, its
 * arguments literals and names: `starts_with(password, 'a')::int`,
 * `json_build_object(1, x)::jsonb`. Only SQL writes a call that way, so
 * the function needs no list.
 */
export const castCall: Rule = ({ code }) => {
  for (let i = 0; i < code.length; i++) {
    if (code[i].kind !== 'function') {
      continue;
    }
    const end = skipCall(code, i);
    const type = code[end + 1];
    const cast =
      code[end]?.text === '::' &&
      type?.kind === 'word' &&
      SQL_TYPES.has(type.text);
    if (cast && literalArguments(code.slice(i + 1, end))) {
      return 'sqli.cast_expression';
    }
  }
  return undefined;
};
