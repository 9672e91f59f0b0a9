import type { RedactionContext } from './context';
import { replaceValue } from './context';
import { isDigit } from './detectors/detector';
import { decodeComponent } from './percent-decode';

// Characters of tokens, addresses and numbers, so the cut fragment is the
// whole last value and not only its last word.
const FRAGMENT_SYMBOLS = "+/_.~%@-!#$*^{|}'()";
// How much text before the fragment a detector may read, enough to find
// the scheme of a credential such as `Bearer `.
const CONTEXT_LENGTH = 256;

function isFragmentChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    FRAGMENT_SYMBOLS.includes(String.fromCharCode(code))
  );
}

/** Returns the start of the last token of `text`, where a space between two digits joins groups of one number. */
export function fragmentStart(text: string): number {
  let start = text.length;
  // A cut can fall right after the separator of a digit group ("4242 ").
  if (
    text.charCodeAt(start - 1) === 0x20 &&
    isDigit(text.charCodeAt(start - 2))
  ) {
    start--;
  }
  while (start > 0) {
    const code = text.charCodeAt(start - 1);
    const previous = text.charCodeAt(start - 2);
    const joinsDigits =
      code === 0x20 &&
      (isDigit(previous) || previous === 0x29) &&
      isDigit(text.charCodeAt(start));
    if (!isFragmentChar(code) && !joinsDigits) {
      break;
    }
    start--;
  }
  return start;
}

/**
 * Masks the end of a text that a size limit cut when its last token could
 * be the start of a detection, such as the first digits of a card number
 * or half a JWT. The detectors would not confirm such a fragment.
 * `encoded` marks form or query text, whose fragment is percent-decoded
 * before the check.
 */
export function maskCutTail(
  text: string,
  context: RedactionContext,
  path: string,
  encoded = false,
): string {
  const start = fragmentStart(text);
  if (start === text.length) {
    return text;
  }
  const raw = text.slice(start);
  // A cut can also fall inside a percent escape, which is left out.
  const fragment = encoded
    ? decodeComponent(raw.replace(/%[0-9A-Fa-f]?$/, ''))
    : raw;
  const before = text.slice(Math.max(0, start - CONTEXT_LENGTH), start);
  const type = context.detectors.cutType(fragment, before);
  if (type === undefined) {
    return text;
  }
  const replacement = replaceValue(context, type, fragment, path, true);
  return replacement === undefined ? text : text.slice(0, start) + replacement;
}
