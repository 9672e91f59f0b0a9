import { ALWAYS_SUSPICIOUS_FUNCTIONS, SYSTEM_OBJECTS } from './keywords';
import { castCall, delayCall, functionCall, leadingCall } from './call-rules';
import {
  comparisonAt,
  comparisonChain,
  listTautology,
  literalTautology,
  skipArithmetic,
  stringComparison,
  tautology,
} from './comparison-rules';
import { leadingStatement, stacked } from './statement-rules';
import type { Token } from './tokens';
import type { Rule } from './token-helpers';
import {
  EXPRESSION_KINDS,
  isKeyword,
  isOperand,
  skipOpen,
  skipOperand,
  startsExpression,
} from './token-helpers';

/** UNION [ALL | DISTINCT] [(] SELECT. */
const union: Rule = ({ code }) => {
  for (let i = 0; i < code.length; i++) {
    if (!isKeyword(code[i], 'union')) {
      continue;
    }
    let next = i + 1;
    while (
      isKeyword(code[next], 'all', 'distinct') ||
      code[next]?.kind === 'open'
    ) {
      next++;
    }
    if (isKeyword(code[next], 'select')) {
      return 'sqli.union';
    }
  }
  return undefined;
};

/** Returns the index of the first token after NOT and comparison words. */
function skipOperatorWords(code: Token[], index: number): number {
  let next = index;
  while (isKeyword(code[next], 'not') || code[next]?.kind === 'compare') {
    next++;
  }
  return next;
}

/**
 * Read after a quote, the input closes the string and continues with an
 * operator and a literal, a call or a subquery: `x' or '1`, `x'+sleep(1)+'`.
 */
const stringBreakout: Rule = (stream) => {
  const { code } = stream;
  if (!stream.quoted || code[0]?.kind !== 'string' || code[0].closed !== true) {
    return undefined;
  }
  let index = 1;
  while (code[index]?.kind === 'close') {
    index++;
  }
  const operator = code[index];
  // PHP joins strings with `.`: `x'.sleep(5).'`.
  if (operator?.kind === 'dot' && code[index + 1]?.kind === 'function') {
    return 'sqli.string_breakout';
  }
  if (
    operator === undefined ||
    (!['logic', 'compare', 'operator'].includes(operator.kind) &&
      !isKeyword(operator, 'not'))
  ) {
    return undefined;
  }

  const start = skipOpen(code, skipOperatorWords(code, index + 1));
  const next = code[start];
  const calls = next?.kind === 'function' || isKeyword(next, 'select');
  const singleQuote = stream.quote === "'";
  const nameOnLeft = singleQuote && operator.kind === 'logic';
  if (calls || comparisonAt(code, start, nameOnLeft)) {
    return 'sqli.string_breakout';
  }
  // Double quotes also mark inches and quoted words in ordinary text
  // (`16" or 18"`), so after one only a call or comparison counts, unless
  // a backslash before the quote shows an attempt to defeat escaping.
  // NOTE: two quoted Windows paths joined by `or`, the first ending in a
  // backslash (`C:\a\" or "D:\`), are reported too.
  if (!singleQuote && code[0].escaped !== true) {
    return undefined;
  }
  const rest = code.slice(skipArithmetic(code, start));
  const endsHere = rest.every((token) => token.kind === 'close');
  // After an arithmetic operator only a string in the same quotes
  // continues the expression: `a' - 'b`, not `'-"8`.
  const operand =
    operator.kind === 'operator'
      ? next?.kind === 'string' && next.quote === "'" && isOperand(next)
      : isOperand(next);
  return operand && endsHere ? 'sqli.string_breakout' : undefined;
};

/** Read after a quote, the input closes the string and comments out the rest. */
const commentTruncation: Rule = ({ code, quoted, bareComment }) => {
  if (!quoted || !bareComment || code[0]?.closed !== true) {
    return undefined;
  }
  for (let i = 1; i < code.length; i++) {
    if (code[i]?.kind !== 'close') {
      return undefined;
    }
  }
  return 'sqli.comment_truncation';
};

/** Matches a SELECT that starts a subquery or reads columns of a table. */
const select: Rule = ({ code }) => {
  for (let i = 0; i < code.length; i++) {
    if (!isKeyword(code[i], 'select')) {
      continue;
    }
    const next = code[i + 1];
    const selectsValues =
      isOperand(next) ||
      next?.text === '*' ||
      next?.kind === 'open' ||
      isKeyword(next, 'distinct', 'top', 'all') ||
      (next?.kind === 'word' && ALWAYS_SUSPICIOUS_FUNCTIONS.has(next.text)) ||
      (next?.kind === 'word' &&
        (code[i + 2]?.kind === 'comma' || isKeyword(code[i + 2], 'from')) &&
        code.slice(i + 2).some((token) => isKeyword(token, 'from')));
    if (!selectsValues) {
      continue;
    }
    const previous = code[i - 1];
    // A SELECT of a literal or a call that later reads FROM a table.
    const readsTable =
      next?.kind !== 'word' &&
      code.slice(i + 2).some((token) => isKeyword(token, 'from'));
    // `select 0x616263` alone: a SELECT of one literal that ends the input.
    // Strings are left out: `select 'and'` is a common phrase.
    const selectsLiteral =
      isOperand(next) &&
      next?.kind !== 'string' &&
      skipOperand(code, i + 1) >= code.length;
    // `select pg_sleep`: a function that only injected SQL calls, named
    // right after a SELECT that starts the value.
    const selectsSuspicious =
      i === 0 &&
      next?.kind === 'word' &&
      ALWAYS_SUSPICIOUS_FUNCTIONS.has(next.text);
    if (
      startsExpression(previous) ||
      previous?.kind === 'semicolon' ||
      readsTable ||
      selectsLiteral ||
      selectsSuspicious
    ) {
      return 'sqli.select';
    }
  }
  return undefined;
};

/** ORDER BY or GROUP BY a column number at the end: column counting. */
const orderBy: Rule = ({ code, trailingComment, quoted }) => {
  for (let i = 1; i < code.length - 2; i++) {
    if (
      !isKeyword(code[i], 'order', 'group') ||
      !isKeyword(code[i + 1], 'by')
    ) {
      continue;
    }
    const after = code[i + 3];
    const endsHere =
      after === undefined || after.kind === 'comma' || after.kind === 'close';
    const previous = code[i - 1];
    const afterLiteral =
      previous?.kind === 'number' ||
      previous?.kind === 'close' ||
      previous?.closed === true;
    if (
      code[i + 2]?.kind === 'number' &&
      endsHere &&
      (trailingComment || quoted || afterLiteral)
    ) {
      return 'sqli.order_by';
    }
  }
  return undefined;
};

function isSystemObject(name: string): boolean {
  if (SYSTEM_OBJECTS.has(name)) {
    return true;
  }
  const dot = name.indexOf('.');
  return dot > 0 && SYSTEM_OBJECTS.has(name.slice(0, dot));
}

/** Catalog tables, system variables and executable comments. */
const systemObject: Rule = ({ code, executableComment }) => {
  if (executableComment) {
    return 'sqli.executable_comment';
  }
  for (const token of code) {
    if (token.kind === 'variable' && token.text.startsWith('@@')) {
      return 'sqli.system_variable';
    }
    if (
      (token.kind === 'word' || token.kind === 'function') &&
      isSystemObject(token.text)
    ) {
      return 'sqli.system_object';
    }
  }
  return undefined;
};

/** INTO OUTFILE / DUMPFILE and WAITFOR DELAY / TIME. */
const sideEffect: Rule = ({ code }) => {
  for (let i = 0; i < code.length - 1; i++) {
    const next = code[i + 1]?.text;
    if (
      isKeyword(code[i], 'into') &&
      (next === 'outfile' || next === 'dumpfile')
    ) {
      return 'sqli.file_write';
    }
    if (
      isKeyword(code[i], 'waitfor') &&
      (next === 'delay' || next === 'time')
    ) {
      return 'sqli.time_delay';
    }
  }
  return undefined;
};

/**
 * Matches an expression of literals in brackets with a comment after it, and no
 * words of ordinary text: `( 1 * 'b' ) --`.
 */
const commentedExpression: Rule = ({ code, trailingComment }) => {
  if (!trailingComment || code[0]?.kind !== 'open') {
    return undefined;
  }
  const expressionOnly = code.every(
    (token) =>
      EXPRESSION_KINDS.has(token.kind) ||
      isKeyword(token, 'select', 'binary', 'in', 'not', 'null'),
  );
  return expressionOnly ? 'sqli.commented_expression' : undefined;
};

/**
 * Matches a column alias followed by FROM, as in the middle of a select list:
 * `) AS total FROM`, `` `a` AS `b` from``. The token before AS must be a
 * bracket, literal or quoted name, because prose has `known as Ann from`.
 */
const aliasFrom: Rule = ({ code }) => {
  for (let i = 1; i < code.length - 2; i++) {
    if (!isKeyword(code[i], 'as') || !isKeyword(code[i + 2], 'from')) {
      continue;
    }
    const previous = code[i - 1];
    const quotedName = previous.kind === 'word' && previous.text === '';
    const alias = code[i + 1];
    if (
      (previous.kind === 'close' ||
        previous.kind === 'number' ||
        previous.kind === 'string' ||
        quotedName) &&
      (alias.kind === 'word' || alias.kind === 'string')
    ) {
      return 'sqli.alias_from';
    }
  }
  return undefined;
};

/**
 * Matches a string literal cast to a type and used in an expression, as
 * PostgreSQL JSON probes write it: `'{"a":1}'::jsonb @> '{}'`.
 */
const castExpression: Rule = ({ code }) => {
  for (let i = 0; i + 2 < code.length; i++) {
    const cast =
      code[i].kind === 'string' &&
      code[i].closed === true &&
      code[i + 1].text === '::' &&
      code[i + 2].kind === 'word';
    const next = code[i + 3];
    const continues =
      next === undefined ||
      ['compare', 'operator', 'logic', 'variable'].includes(next.kind);
    if (cast && continues) {
      return 'sqli.cast_expression';
    }
  }
  return undefined;
};

/**
 * Read after a quote, the input closes a one-word string and ends the
 * statement: `admin@example.com';`.
 */
const terminatedString: Rule = ({ code, quoted, quote }) => {
  const first = code[0];
  if (!quoted || first === undefined) {
    return undefined;
  }
  // After a backtick the first token is the quoted name; a token after it
  // means its closing backtick was found: `admin@example.com`;`.
  const closedName = quote === '`' && first.spaced === false;
  const closedString =
    first.kind === 'string' && first.closed === true && !/\s/.test(first.text);
  const endsStatement = code[1]?.kind === 'semicolon' && code.length === 2;
  // A value without spaces, such as a user name or e-mail address: prose
  // that ends in `';` is ordinary text.
  return endsStatement && (closedName || closedString)
    ? 'sqli.string_breakout'
    : undefined;
};

/** The rules in the order they run; the first match is reported. */
export const SQL_RULES: readonly Rule[] = [
  union,
  stacked,
  stringBreakout,
  commentTruncation,
  tautology,
  literalTautology,
  listTautology,
  stringComparison,
  comparisonChain,
  terminatedString,
  leadingStatement,
  castExpression,
  leadingCall,
  delayCall,
  aliasFrom,
  functionCall,
  castCall,
  select,
  orderBy,
  commentedExpression,
  systemObject,
  sideEffect,
];
