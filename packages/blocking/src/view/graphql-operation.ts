/** Operation types of GraphQL executable definitions. */
const OPERATION_TYPES = new Set(['query', 'mutation', 'subscription']);

const NAME_START = /[_A-Za-z]/;
const NAME_PART = /[_0-9A-Za-z]/;

/**
 * Finds the type of the operation a GraphQL document would run: the one
 * named `operationName`, or the first one when no name is given. It scans
 * only the top level of the document (skipping strings, comments and
 * everything inside brackets) instead of parsing it, so the cost is one pass
 * over the text. Returns undefined when no such operation is found.
 */
export function findOperationType(
  document: string,
  operationName?: string,
): string | undefined {
  let depth = 0;
  let index = 0;
  while (index < document.length) {
    const char = document[index];
    if (char === '#') {
      index = skipComment(document, index);
    } else if (char === '"') {
      index = skipString(document, index);
    } else if (char === '{' || char === '(' || char === '[') {
      // A selection set at the top level is an anonymous query.
      if (depth === 0 && char === '{' && operationName === undefined) {
        return 'query';
      }
      depth += 1;
      index += 1;
    } else if (char === '}' || char === ')' || char === ']') {
      depth = Math.max(0, depth - 1);
      index += 1;
    } else if (depth === 0 && NAME_START.test(char)) {
      const word = readName(document, index);
      index += word.length;
      if (!OPERATION_TYPES.has(word)) continue;
      if (operationName === undefined) return word;
      const next = skipIgnored(document, index);
      if (readName(document, next) === operationName) return word;
    } else {
      index += 1;
    }
  }
  return undefined;
}

function readName(text: string, start: number): string {
  let end = start;
  if (end < text.length && NAME_START.test(text[end])) end += 1;
  else return '';
  while (end < text.length && NAME_PART.test(text[end])) end += 1;
  return text.slice(start, end);
}

function skipIgnored(text: string, start: number): number {
  let index = start;
  while (index < text.length && /[\s,\uFEFF]/.test(text[index])) index += 1;
  return index;
}

function skipComment(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end < 0 ? text.length : end + 1;
}

// Handles "..." strings with backslash escapes and """...""" block strings.
function skipString(text: string, start: number): number {
  if (text.startsWith('"""', start)) {
    let index = start + 3;
    for (;;) {
      const end = text.indexOf('"""', index);
      if (end < 0) return text.length;
      if (text[end - 1] !== '\\') return end + 3;
      index = end + 3;
    }
  }
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') index += 2;
    else if (char === '"' || char === '\n') return index + 1;
    else index += 1;
  }
  return index;
}
