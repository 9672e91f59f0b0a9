/** SQL rules about whole statements in a value. */
import type { Token } from './tokens';
import type { Rule } from './token-helpers';
import { isKeyword, isOperand } from './token-helpers';

export function startsStatement(code: Token[], index: number): boolean {
  const first = code[index];
  const second = code[index + 1];
  if (first === undefined) {
    return false;
  }
  switch (first.text) {
    case 'select':
      return (
        isOperand(second) ||
        second?.text === '*' ||
        second?.kind === 'open' ||
        isKeyword(second, 'distinct', 'top', 'all')
      );
    case 'insert':
      return isKeyword(second, 'into');
    case 'replace':
      // MySQL REPLACE INTO t or REPLACE t (...) VALUES.
      return (
        isKeyword(second, 'into') ||
        code.slice(index + 1).some((token) => isKeyword(token, 'values'))
      );
    case 'update':
      return second?.kind === 'word' && isKeyword(code[index + 2], 'set');
    case 'delete':
      return isKeyword(second, 'from');
    case 'drop':
    case 'create':
    case 'alter':
    case 'truncate':
      return (
        ['table', 'database', 'user', 'procedure', 'view', 'function'].includes(
          second?.text ?? '',
        ) ||
        (second?.kind === 'word' && code.length === index + 2)
      );
    case 'exec':
    case 'execute':
      return second?.kind === 'word' || second?.kind === 'variable';
    case 'declare':
    case 'set':
      return second?.kind === 'variable';
    case 'waitfor':
    case 'shutdown':
      return true;
    default:
      return false;
  }
}

/** Matches a statement after a semicolon, as stacked queries send. */
export const stacked: Rule = ({ code }) => {
  for (let i = 0; i < code.length; i++) {
    if (code[i]?.kind === 'semicolon' && startsStatement(code, i + 1)) {
      return 'sqli.stacked_query';
    }
  }
  return undefined;
};

const DEFINED_OBJECTS = new Set([
  'function',
  'procedure',
  'trigger',
  'table',
  'database',
  'view',
]);

// Words that may follow the name in a definition: `CREATE TABLE t AS`,
// `ALTER TABLE t ADD`, `CREATE TRIGGER t BEFORE`, `DROP VIEW v CASCADE`.
const DEFINITION_WORDS = new Set([
  'as',
  'add',
  'alter',
  'drop',
  'rename',
  'modify',
  'cascade',
  'restrict',
  'returns',
  'on',
  'before',
  'after',
  'instead',
  'engine',
  'owner',
]);

/**
 * Returns whether `CREATE`, `ALTER` or `DROP` starts a definition at
 * `index`: an object type, then a name that ends the input or is followed
 * by a bracket, `;` or a definition word. `DROP TABLE IF EXISTS` counts
 * too, but `create table of contents` does not.
 */
function definesAt(code: Token[], index: number): boolean {
  const [first, second, name, next] = code.slice(index, index + 4);
  if (
    !isKeyword(first, 'create', 'alter', 'drop') ||
    !DEFINED_OBJECTS.has(second?.text ?? '') ||
    (name?.kind !== 'word' && name?.kind !== 'function')
  ) {
    return false;
  }
  if (name.text === 'if') {
    return isKeyword(next, 'exists', 'not');
  }
  return (
    next === undefined ||
    next.kind === 'open' ||
    next.kind === 'semicolon' ||
    DEFINITION_WORDS.has(next.text)
  );
}

// Punctuation that may precede a leading statement: `/CREATE TABLE t`
// after a path separator, `)DROP TABLE t` after a closed bracket.
const LEADING_PUNCTUATION = new Set(['operator', 'other', 'dot', 'close']);

/**
 * Matches a statement that defines or runs code at the start of the value
 * read as it is, after any punctuation: `CREATE FUNCTION f (...)`,
 * `/CREATE TABLE t`, `EXECUTE IMMEDIATE '...'`.
 */
export const leadingStatement: Rule = ({ code, quoted, trailingComment }) => {
  if (quoted) {
    return undefined;
  }
  let start = 0;
  while (LEADING_PUNCTUATION.has(code[start]?.kind ?? '')) {
    start++;
  }
  const [first, second] = code.slice(start, start + 2);
  const runs =
    isKeyword(first, 'exec', 'execute') && second?.text === 'immediate';
  // A whole statement ended with `;` and a comment that cuts off whatever
  // the application appends: `DELETE FROM users;--`.
  const terminated =
    trailingComment &&
    code[code.length - 1]?.kind === 'semicolon' &&
    startsStatement(code, start);
  return definesAt(code, start) || runs || terminated
    ? 'sqli.stacked_query'
    : undefined;
};
