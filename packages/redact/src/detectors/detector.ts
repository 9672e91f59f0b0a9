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

/**
 * A pattern whose every match contains one of a few literals at a fixed
 * offset from its start. `indexOf` finds the literals, and the pattern is
 * tried only there, which costs less than a pass of the pattern over a
 * large text.
 */
export interface PrefixedPattern {
  /** The global pattern, used when the literals are not searched. */
  readonly pattern: RegExp;
  /** A sticky copy of the pattern, tried where a literal occurs. */
  readonly sticky: RegExp;
  /** Literals, one of which occurs in every match, in lower case when `caseless`. */
  readonly prefixes: readonly string[];
  /** Offset of each literal from the start of the match, 0 when omitted. */
  readonly offsets?: readonly number[];
  /** Set when the pattern ignores case, so the literals are searched in the lower-cased text. */
  readonly caseless?: boolean;
}

/** Returns a {@link PrefixedPattern} for a global pattern. */
export function prefixedPattern(
  pattern: RegExp,
  prefixes: readonly string[],
  offsets?: readonly number[],
): PrefixedPattern {
  const caseless = pattern.flags.includes('i');
  return {
    pattern,
    sticky: new RegExp(pattern.source, pattern.flags.replace('g', '') + 'y'),
    prefixes: caseless
      ? prefixes.map((prefix) => prefix.toLowerCase())
      : prefixes,
    offsets,
    caseless,
  };
}

// The detectors that ignore case search the same lower-cased text, which is
// computed once per text.
const MAX_LOWER_CASED = 1 << 20;
const MIN_PREFIX_SEARCH = 512;
let lowerSource: string | undefined;
let lowerText: string | undefined;

/**
 * Returns `text` in lower case, or undefined when lower-casing changes its
 * length (as for 'İ'), so offsets in it are not offsets in `text`. A pattern
 * with the `i` flag and without `u` matches an ASCII letter only with its
 * other case, which lower-cases to the prefix's letter, so no match is lost.
 */
function lowerCaseOf(text: string): string | undefined {
  // A lower-cased copy of a large text would add its size to the memory a
  // redaction takes, so large texts take the pattern's own search.
  if (text.length > MAX_LOWER_CASED) {
    return undefined;
  }
  if (lowerSource !== text) {
    lowerSource = text;
    lowerText = text.toLowerCase();
  }
  return lowerText?.length === text.length ? lowerText : undefined;
}

/** Forgets the lower-cased text, so a large text is not kept alive. */
export function releaseLowerCase(): void {
  lowerSource = undefined;
  lowerText = undefined;
}

/**
 * Returns a function that gives the first offset from `from` on, in
 * increasing order of `from`, where `search` can match in `text`, or -1.
 * Returns undefined when the prefixes cannot be searched.
 */
export function prefixFinder(
  text: string,
  search: PrefixedPattern,
): ((from: number) => number) | undefined {
  // A short text, such as one JSON value, is searched faster by the
  // pattern itself than by setting up the prefix searches.
  if (text.length < MIN_PREFIX_SEARCH) {
    return undefined;
  }
  const haystack = search.caseless ? lowerCaseOf(text) : text;
  if (haystack === undefined) {
    return undefined;
  }
  const { prefixes, offsets } = search;
  // The next candidate of each prefix: -2 before the first search, -1 when
  // the prefix does not occur again.
  const next = prefixes.map(() => -2);
  return (from: number): number => {
    let best = -1;
    for (let i = 0; i < next.length; i++) {
      let candidate = next[i];
      if (candidate === -1) {
        continue;
      }
      if (candidate < from) {
        const offset = offsets?.[i] ?? 0;
        const found = haystack.indexOf(prefixes[i], from + offset);
        candidate = found < 0 ? -1 : found - offset;
        next[i] = candidate;
        if (candidate < 0) {
          continue;
        }
      }
      if (best < 0 || candidate < best) {
        best = candidate;
      }
    }
    return best;
  };
}

/**
 * Does what {@link scanPattern} does with `search.pattern`, trying the
 * sticky pattern only where a prefix occurs. The hits are the same, because
 * the pattern cannot match where no prefix does.
 */
export function scanPrefixed(
  text: string,
  search: PrefixedPattern,
  type: string,
  hits: Hit[],
  confirm: (text: string, match: RegExpExecArray) => number,
): void {
  const find = prefixFinder(text, search);
  if (find === undefined) {
    scanPattern(text, search.pattern, type, hits, confirm);
    return;
  }
  const sticky = search.sticky;
  let from = 0;
  for (;;) {
    const candidate = find(from);
    if (candidate < 0) {
      return;
    }
    sticky.lastIndex = candidate;
    const match = sticky.exec(text);
    const end = match === null ? -1 : confirm(text, match);
    if (end > candidate) {
      hits.push({ start: candidate, end, type });
      from = end;
    } else {
      from = candidate + 1;
    }
  }
}

/**
 * Returns the first match of `search.pattern` that starts at or after
 * `from`, as the global pattern would find it. `find` comes from
 * {@link prefixFinder} for the same text, and `from` must grow from call
 * to call.
 */
export function matchFrom(
  text: string,
  search: PrefixedPattern,
  find: ((from: number) => number) | undefined,
  from: number,
): RegExpExecArray | null {
  if (find === undefined) {
    search.pattern.lastIndex = from;
    return search.pattern.exec(text);
  }
  let position = from;
  for (;;) {
    const candidate = find(position);
    if (candidate < 0) {
      return null;
    }
    search.sticky.lastIndex = candidate;
    const match = search.sticky.exec(text);
    if (match !== null) {
      return match;
    }
    position = candidate + 1;
  }
}
