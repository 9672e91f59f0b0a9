// Helpers for JSON string tokens, shared by the JavaScript and the
// WebAssembly scans.

import type { RedactionContext } from './context';
import { maskCutTail } from './cut-tail';
import type { Hit } from './detectors/detector';
import { replaceHits } from './text-scan';

/** Returns whether a text starts and ends like a JSON object or array. */
export function looksLikeJsonText(text: string): boolean {
  const first = text.trimStart().charCodeAt(0);
  const last = text.trimEnd().charCodeAt(text.trimEnd().length - 1);
  return (first === 0x7b && last === 0x7d) || (first === 0x5b && last === 0x5d);
}

/** Decodes the JSON string token text[start, end), closing a cut one first. */
export function decodeString(
  text: string,
  start: number,
  end: number,
  closed: boolean,
): string {
  const token = text.slice(start, end);
  if (closed) {
    return JSON.parse(token) as string;
  }
  // A cut string may end inside an escape such as `\u00`, which is dropped.
  const whole = token.replace(/\\(?:u[0-9A-Fa-f]{0,3})?$/, '');
  return JSON.parse(`${whole}"`) as string;
}

/** Writes a JSON string token, without its closing quote when the original was cut. */
export function quote(value: string, closed: boolean): string {
  const quoted = JSON.stringify(value);
  return closed ? quoted : quoted.slice(0, -1);
}

/**
 * Returns `value` with its detections replaced, and its tail masked when
 * the token was cut by a size limit.
 */
export function redactToken(
  value: string,
  hits: Hit[],
  context: RedactionContext,
  path: string,
  cut: boolean,
): string {
  const redacted = replaceHits(value, hits, context, path);
  return cut ? maskCutTail(redacted, context, path) : redacted;
}
