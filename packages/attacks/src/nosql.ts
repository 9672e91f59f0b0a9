// MongoDB query and aggregation operators that change what a filter
// matches or run code. `$id`, `$ref` and `$schema` of JSON Schema and
// JSON-LD are not among them.
const OPERATORS = new Set([
  '$ne',
  '$eq',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$regex',
  '$options',
  '$where',
  '$expr',
  '$exists',
  '$or',
  '$and',
  '$not',
  '$nor',
  '$elemmatch',
  '$function',
  '$accumulator',
  '$jsonschema',
  '$type',
  '$mod',
  '$text',
  '$all',
  '$size',
  '$lookup',
  '$unionwith',
  '$merge',
  '$out',
]);
// An operator as a key inside JSON text: `{"$ne": 1}`.
const OPERATOR_IN_JSON = /["']\$([a-z]{2,12})["']\s{0,8}:/gi;
// An operator in a bracketed parameter name: `user[$ne]`.
const OPERATOR_IN_NAME = /\[\s{0,8}\$([a-z]{2,12})\s{0,8}\]/gi;

/** Returns whether `key` is a MongoDB operator such as `$ne` or `$where`. */
export function isNoSqlOperator(key: string): boolean {
  return key.startsWith('$') && OPERATORS.has(key.toLowerCase());
}

function anyOperator(text: string, pattern: RegExp): boolean {
  for (const match of text.matchAll(pattern)) {
    if (OPERATORS.has(`$${match[1].toLowerCase()}`)) {
      return true;
    }
  }
  return false;
}

/**
 * Classifies a parameter name or a text value as carrying a MongoDB
 * operator: `user[$ne]`, `$where`, or JSON text with an operator key.
 */
export function detectNoSqlText(value: string): string | undefined {
  if (!value.includes('$')) {
    return undefined;
  }
  if (isNoSqlOperator(value.trim())) {
    return 'nosql_injection.operator_key';
  }
  if (anyOperator(value, OPERATOR_IN_NAME)) {
    return 'nosql_injection.operator_key';
  }
  return anyOperator(value, OPERATOR_IN_JSON)
    ? 'nosql_injection.operator_in_json'
    : undefined;
}

export const NOSQL_PATTERNS: readonly RegExp[] = [
  OPERATOR_IN_JSON,
  OPERATOR_IN_NAME,
];
