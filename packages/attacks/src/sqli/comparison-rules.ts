/** SQL rules about comparisons that are always true. */
import type { Token } from './tokens';
import type { Rule } from './token-helpers';
import { isKeyword, isOperand, skipOpen, skipOperand } from './token-helpers';
import { NILADIC_FUNCTIONS } from './keywords';

/** Returns the index after an arithmetic expression of literals at `index`. */
export function skipArithmetic(code: Token[], index: number): number {
  let next = skipOperand(code, index);
  while (
    code[next]?.kind === 'operator' &&
    isOperand(code[skipOpen(code, next + 1)])
  ) {
    next = skipOperand(code, skipOpen(code, next + 1));
  }
  return next;
}

/**
 * Returns whether a comparison of literals starts at `index`: `1=1`, `'a'<>'b'`,
 * `31337-31337=0`, `1=(select ...)`, or a name compared with itself.
 * `nameOnLeft` also accepts a column name on the left (`id=1`).
 */
export function comparisonAt(
  code: Token[],
  index: number,
  nameOnLeft = false,
): boolean {
  const left = code[index];
  if (left === undefined) {
    return false;
  }

  const literalLeft = isOperand(left) || (nameOnLeft && left.kind === 'word');
  let operatorIndex = literalLeft ? skipArithmetic(code, index) : index + 1;
  while (code[operatorIndex]?.kind === 'close') {
    operatorIndex++;
  }
  if (code[operatorIndex]?.kind !== 'compare') {
    return false;
  }
  // A condition cut off after its operator (`or 1 <`), as probes send.
  if (literalLeft && operatorIndex === code.length - 1) {
    return true;
  }

  let rightIndex = operatorIndex + 1;
  while (code[rightIndex]?.kind === 'compare') {
    rightIndex++;
  }
  const right = code[skipOpen(code, rightIndex)];
  if (literalLeft) {
    return (
      isOperand(right) ||
      // A PostgreSQL array literal: `?| array['a']`.
      (right?.kind === 'word' && right.text === 'array') ||
      isKeyword(right, 'select') ||
      (right?.kind === 'word' && NILADIC_FUNCTIONS.has(right.text))
    );
  }
  // `x=x` compares a column or name with itself: always true. Not with
  // `is`, because prose has `and that is that`.
  return (
    left.kind === 'word' &&
    right?.kind === 'word' &&
    left.text === right.text &&
    operatorIndex === index + 1 &&
    !code[operatorIndex].text.startsWith('is')
  );
}

/**
 * AND / OR followed by a comparison of literals (`or 1=1`, `and 'a'='a'`),
 * or by a lone literal that ends the input (`or 1--`).
 */
export const tautology: Rule = ({ code, trailingComment, quoted }) => {
  for (let i = 0; i < code.length; i++) {
    if (code[i]?.kind !== 'logic') {
      continue;
    }
    const start = skipOpen(code, i + 1);
    if (comparisonAt(code, start)) {
      return 'sqli.tautology';
    }
    if (i === 0) {
      continue;
    }
    const after = skipOperand(code, start);
    const endsHere = after >= code.length || code[after]?.kind === 'close';
    const leftIsLiteral =
      isOperand(code[i - 1]) || code[i - 1]?.kind === 'close';
    if (
      isOperand(code[start]) &&
      endsHere &&
      leftIsLiteral &&
      (trailingComment || (quoted && code[start]?.kind !== 'string'))
    ) {
      return 'sqli.tautology';
    }
  }
  return undefined;
};

function sameLiteral(left: Token, right: Token): boolean {
  return left.kind === right.kind && left.text === right.text;
}

const EQUALITY = new Set([
  '=',
  '==',
  '<=>',
  'like',
  'rlike',
  'regexp',
  'glob',
  'is',
  'is not distinct from',
]);
const INEQUALITY = new Set(['!=', '<>', 'is not', 'is distinct from']);

function isLiteral(token: Token | undefined): boolean {
  return (
    token?.kind === 'number' ||
    (token?.kind === 'string' && token.closed === true)
  );
}

/**
 * Returns whether `left operator right` compares two literals and is
 * true: equal literals compared for equality or a match, or different
 * ones compared for inequality or with a negated match (`not regexp`).
 */
function alwaysTrue(left: Token, operator: Token, right: Token): boolean {
  if (operator.kind !== 'compare' || !isLiteral(left) || !isLiteral(right)) {
    return false;
  }
  const equal = sameLiteral(left, right);
  if (EQUALITY.has(operator.text)) {
    return equal;
  }
  const negated =
    INEQUALITY.has(operator.text) || operator.text.startsWith('not ');
  return negated && !equal;
}

/**
 * Matches an input that is one comparison, always true: `1=1`,
 * `'a' like 'a'`, `1!=2`, `1 is not 2`, `'1' not regexp '2'`.
 */
export const literalTautology: Rule = ({ code, quoted }) => {
  if (quoted || code.length !== 3) {
    return undefined;
  }
  const [left, operator, right] = code as [Token, Token, Token];
  return alwaysTrue(left, operator, right) ? 'sqli.tautology' : undefined;
};

/**
 * Matches an always-true comparison of literals that a comma adds to a
 * list and that ends the input: `b,1=1` in an ORDER BY or column list,
 * `x, 2 is not 3)`. A query string such as `a,b=c` compares no literals.
 */
export const listTautology: Rule = ({ code }) => {
  for (let i = 0; i < code.length; i++) {
    if (code[i].kind !== 'comma') {
      continue;
    }
    const start = skipOpen(code, i + 1);
    const [left, operator, right] = code.slice(start, start + 3);
    if (left === undefined || operator === undefined || right === undefined) {
      return undefined;
    }
    const endsHere = code
      .slice(start + 3)
      .every((token) => token.kind === 'close');
    if (endsHere && alwaysTrue(left, operator, right)) {
      return 'sqli.tautology';
    }
  }
  return undefined;
};

/**
 * Matches an input that is one comparison of two quoted strings, the last
 * of which the application's own quote closes: `'x'!='y`, `'1001'='10`.
 */
export const stringComparison: Rule = ({ code, quoted }) => {
  if (quoted || code.length !== 3) {
    return undefined;
  }
  const [left, operator, right] = code as [Token, Token, Token];
  const sameQuote = left.quote !== undefined && left.quote === right.quote;
  if (
    left.kind === 'string' &&
    left.closed === true &&
    operator.kind === 'compare' &&
    right.kind === 'string' &&
    right.closed !== true &&
    sameQuote
  ) {
    return 'sqli.tautology';
  }
  return undefined;
};

/**
 * Matches an input that is a chain of two or more comparisons of literals,
 * at least one of them a string, as JSON path probes send:
 * `'{"a":2}' -> '$.a' = 2`. Ordinary text does not compare quoted strings
 * with each other twice.
 */
export const comparisonChain: Rule = ({ code, quoted }) => {
  if (quoted || code.length < 5 || code.length % 2 === 0) {
    return undefined;
  }
  for (let i = 0; i < code.length; i++) {
    const valid =
      i % 2 === 0 ? isLiteral(code[i]) : code[i]?.kind === 'compare';
    if (!valid) {
      return undefined;
    }
  }
  return code.some((token) => token.kind === 'string')
    ? 'sqli.tautology'
    : undefined;
};
