/** A confirmed detection: the half-open range [start, end) of `type`. */
export interface Hit {
  start: number;
  end: number;
  type: string;
}

/** A value detector: finds confirmed detections in a text in linear time. */
export interface Detector {
  /** Name that selects the detector in options. */
  readonly name: string;
  /** Types the detector reports, which are also mask and finding types. */
  readonly types: readonly string[];
  /**
   * Set when every detection contains ':' or '='. A JSON document has a
   * ':' after each key, so there the detector runs only on the strings
   * that contain one of them, which is much cheaper than a scan of the
   * whole text.
   */
  readonly needsSeparator?: boolean;
  /**
   * Appends every confirmed detection in `text` to `hits`, in any order and
   * possibly overlapping. `hint` is the key, field or header name whose
   * value `text` is, which some detectors use as context.
   */
  scan(text: string, hits: Hit[], hint: string | undefined): void;
  /**
   * Returns a type when `fragment`, the last token of a text that a size
   * limit cut, could be the start of a detection, otherwise undefined.
   */
  cutType?(fragment: string, before: string): string | undefined;
}

/** Returns the offset after the run of characters from `start` that satisfy `accept`. */
export function scanWhile(
  text: string,
  start: number,
  accept: (code: number) => boolean,
): number {
  let position = start;
  while (position < text.length && accept(text.charCodeAt(position))) {
    position++;
  }
  return position;
}

/** Returns whether a character is an ASCII digit. */
export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Returns whether a character is an ASCII letter. */
export function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** Returns whether a character is an ASCII letter or digit. */
export function isAlphanumeric(code: number): boolean {
  return isDigit(code) || isLetter(code);
}

/** Returns whether a character belongs to the base64url alphabet. */
export function isBase64UrlChar(code: number): boolean {
  return isAlphanumeric(code) || code === 0x2d || code === 0x5f;
}

/**
 * Runs a global pattern over `text` and appends each candidate that
 * `confirm` accepts. `confirm` returns the end of the detection or -1. A
 * rejected candidate is retried one character later, which stays linear
 * because every pattern rejects a start inside a run with a lookbehind.
 */
export function scanPattern(
  text: string,
  pattern: RegExp,
  type: string,
  hits: Hit[],
  confirm: (text: string, match: RegExpExecArray) => number,
): void {
  pattern.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const end = confirm(text, match);
    if (end > match.index) {
      hits.push({ start: match.index, end, type });
      pattern.lastIndex = end;
    } else {
      pattern.lastIndex = match.index + 1;
    }
  }
}

/** Returns whether one of `words` occurs, in any case, in the `window` characters before `start` or in `hint`. */
export function hasContext(
  text: string,
  start: number,
  window: number,
  words: RegExp,
  hint: string | undefined,
): boolean {
  if (hint !== undefined && words.test(hint)) {
    return true;
  }
  return words.test(text.slice(Math.max(0, start - window), start));
}
