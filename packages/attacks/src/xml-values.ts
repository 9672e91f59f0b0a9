import { decodeXML } from 'entities';

// Attribute values in double or single quotes, and text between tags.
// The bounds keep each match within one value's length limit.
const XML_VALUE =
  /=\s{0,8}"([^"<]{1,8192})"|=\s{0,8}'([^'<]{1,8192})'|>([^<]{1,8192})</g;
const NON_SPACE = /\S/;

/**
 * Returns the attribute values and text nodes of an XML or HTML body,
 * with entities decoded, so that each is inspected as the application
 * would read it: `<a probe="1 &gt; 0">` contains `1 > 0`.
 */
export function xmlValues(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(XML_VALUE)) {
    const raw = match[1] ?? match[2] ?? match[3] ?? '';
    if (NON_SPACE.test(raw)) {
      found.push(raw.includes('&') ? decodeXML(raw) : raw);
    }
  }
  return found;
}

/** Returns whether a raw body looks like XML or HTML markup. */
export function looksLikeMarkup(text: string): boolean {
  return /^\s{0,64}</.test(text);
}

export const XML_PATTERNS: readonly RegExp[] = [XML_VALUE, NON_SPACE];
