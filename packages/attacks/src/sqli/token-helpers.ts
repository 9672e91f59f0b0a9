/** Token tests and skips that the SQL rules share. */
import type { Token, TokenStream } from './tokens';

export const EXPRESSION_KINDS = new Set([
  'number',
  'string',
  'variable',
  'function',
  'open',
  'close',
  'operator',
  'compare',
  'logic',
  'comma',
]);

/** A rule over one token stream; returns its id when it matches. */
export type Rule = (stream: TokenStream) => string | undefined;

export function isKeyword(
  token: Token | undefined,
  ...words: string[]
): boolean {
  return (
    token !== undefined &&
    (token.kind === 'keyword' || token.kind === 'function') &&
    words.includes(token.text)
  );
}

/** Literal operands: numbers, strings, variables and calls. */
export function isOperand(token: Token | undefined): boolean {
  if (token === undefined) {
    return false;
  }
  switch (token.kind) {
    case 'string':
      // A quote that ends the input opens nothing: `16" or 18"`.
      return token.closed === true || token.text !== '';
    case 'number':
    case 'variable':
    case 'function':
      return true;
    case 'keyword':
      return ['true', 'false', 'null'].includes(token.text);
    default:
      return false;
  }
}

/** Tokens after which an expression, and so a subquery or call, may start. */
export function startsExpression(token: Token | undefined): boolean {
  if (token === undefined) {
    return false;
  }
  return (
    token.kind === 'open' ||
    token.kind === 'operator' ||
    token.kind === 'logic' ||
    token.kind === 'compare' ||
    token.kind === 'comma' ||
    isKeyword(token, 'select', 'where', 'having', 'when', 'then', 'else')
  );
}

const UNARY_OPERATORS = new Set(['!', '-', '+', '~']);

/** Skips opening brackets, NOT, BINARY and unary operators. */
export function skipOpen(code: Token[], index: number): number {
  let next = index;
  for (;;) {
    const token = code[next];
    const skippable =
      token?.kind === 'open' ||
      isKeyword(token, 'not', 'binary') ||
      (token?.kind === 'operator' && UNARY_OPERATORS.has(token.text));
    if (!skippable) {
      return next;
    }
    next++;
  }
}

/** Returns the index after the operand at `index`, with its call and casts. */
export function skipOperand(code: Token[], index: number): number {
  let next = skipCall(code, index);
  // A PostgreSQL cast (`'{}'::jsonb`) belongs to its operand.
  while (code[next]?.text === '::' && code[next + 1]?.kind === 'word') {
    next += 2;
  }
  return next;
}

export function skipCall(code: Token[], index: number): number {
  if (code[index]?.kind !== 'function') {
    return index + 1;
  }
  let depth = 0;
  for (let next = index + 1; next < code.length; next++) {
    const kind = code[next]?.kind;
    if (kind === 'open') {
      depth++;
    } else if (kind === 'close') {
      depth--;
      if (depth <= 0) {
        return next + 1;
      }
    }
  }
  return code.length;
}
