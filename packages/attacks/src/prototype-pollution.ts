// `__proto__` as a path segment in a parameter name or a property path:
// `a[__proto__][x]`, `__proto__.x`, `a.__proto__`.
const PROTO_SEGMENT = /(?:^|[.[\]"'])\s{0,8}__proto__\s{0,8}(?:$|[.[\]"'])/;
// `constructor` followed by `prototype`: `constructor[prototype]`,
// `constructor.prototype`.
const CONSTRUCTOR_PROTOTYPE =
  /(?:^|[.[\]"'])\s{0,8}constructor\s{0,8}["']?\s{0,8}[.[\]]{1,2}\s{0,8}["']?\s{0,8}prototype\s{0,8}(?:$|[.[\]"'])/;
// A JSON key `"__proto__":` in unparsed text.
const PROTO_KEY_IN_JSON = /["']__proto__["']\s{0,8}:/;
const CONSTRUCTOR_KEY_IN_JSON =
  /["']constructor["']\s{0,8}:\s{0,8}\{\s{0,8}["']prototype["']\s{0,8}:/;

/** Returns whether an object key alone pollutes, which only `__proto__` does. */
export function isProtoKey(key: string): boolean {
  return key === '__proto__';
}

/**
 * Classifies a parameter name, a property path or JSON text as reaching
 * `Object.prototype`: a `__proto__` segment, or `constructor` followed by
 * `prototype`. Returns the rule id.
 */
export function detectPrototypePollutionText(
  value: string,
): string | undefined {
  if (!value.includes('__proto__') && !value.includes('prototype')) {
    return undefined;
  }
  if (PROTO_SEGMENT.test(value) || PROTO_KEY_IN_JSON.test(value)) {
    return 'prototype_pollution.proto_key';
  }
  if (
    CONSTRUCTOR_PROTOTYPE.test(value) ||
    CONSTRUCTOR_KEY_IN_JSON.test(value)
  ) {
    return 'prototype_pollution.constructor_prototype';
  }
  return undefined;
}

export const PROTOTYPE_POLLUTION_PATTERNS: readonly RegExp[] = [
  PROTO_SEGMENT,
  CONSTRUCTOR_PROTOTYPE,
  PROTO_KEY_IN_JSON,
  CONSTRUCTOR_KEY_IN_JSON,
];
