/** A value detector: a linear-time pattern that finds candidates and a check that confirms them. */
export interface Detector {
  /** Detector name, also the type in masks and findings. */
  readonly name: string;
  /**
   * Global pattern of candidate starts, which must run in linear time. Every
   * repeated part is bounded or cannot overlap what follows it, and a
   * one-character lookbehind rejects a start inside a run.
   */
  readonly pattern: RegExp;
  /**
   * Returns the end offset of the detection that starts at `match.index`,
   * or -1 when the candidate is not valid. It may read past the match, but
   * only in time linear in what it reads.
   */
  confirm(text: string, match: RegExpExecArray): number;
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

/** Returns whether a character is an ASCII letter or digit. */
export function isAlphanumeric(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a)
  );
}
