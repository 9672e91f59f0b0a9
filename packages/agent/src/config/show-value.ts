/** Maximum characters of a string value quoted in a problem message. */
export const MAX_SHOWN_STRING_CHARS = 120;

const MAX_SHOWN_ITEMS = 5;
const PLAIN_NAME = /^[\w.-]{1,200}$/;

/**
 * Quotes a string as JSON, cut to a bounded length so a huge value cannot flood
 * the log.
 */
export function showString(text: string): string {
  if (text.length <= MAX_SHOWN_STRING_CHARS) return JSON.stringify(text);
  const head = JSON.stringify(text.slice(0, MAX_SHOWN_STRING_CHARS));
  return `${head}… (${text.length} characters)`;
}

/** Prints a key or variable name as is when it is plain, otherwise quoted. */
export function showName(name: string): string {
  return PLAIN_NAME.test(name) ? name : showString(name);
}

function showScalar(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return showString(value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      if (value === null) return 'null';
      return Array.isArray(value) ? 'an array' : 'an object';
  }
}

function showArray(items: readonly unknown[]): string {
  const shown = items.slice(0, MAX_SHOWN_ITEMS).map(showScalar);
  if (items.length > MAX_SHOWN_ITEMS) {
    shown.push(`… ${items.length - MAX_SHOWN_ITEMS} more`);
  }
  return `[${shown.join(', ')}]`;
}

function showObject(value: object): string {
  const keys = Object.keys(value);
  if (keys.length === 0) return 'an empty object';
  const shown = keys.slice(0, MAX_SHOWN_ITEMS).map(showName);
  const more = keys.length > MAX_SHOWN_ITEMS ? ', …' : '';
  return `an object with keys ${shown.join(', ')}${more}`;
}

/**
 * Renders any input value for a problem message in bounded length, and never
 * throws, even for a proxy or an object with a throwing getter.
 */
export function showValue(value: unknown): string {
  try {
    if (Array.isArray(value)) return showArray(value);
    if (typeof value === 'object' && value !== null) return showObject(value);
    return showScalar(value);
  } catch {
    // A proxy or a throwing getter can make even a read fail.
    return 'a value that could not be read';
  }
}
