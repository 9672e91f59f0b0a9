import type { Detector, Hit } from './detectors/detector';
import { releaseLowerCase } from './detectors/detector';

// A mask written by this package: `[REDACTED:type]`,
// `[REDACTED:type:...1234]` or `[HASH:type:hex]`. Redacted text can be
// scanned again (the last check before export does), and a mask must not
// be taken for a secret. The grammar is strict so a crafted look-alike
// cannot hide a value inside it.
const MASK_TOKEN =
  /\[(?:REDACTED:[a-z0-9_.-]{1,64}(?::\.\.\.[A-Za-z0-9]{1,8})?|HASH:[a-z0-9_.-]{1,64}:[0-9a-f]{8,64})\]/g;

/** Returns whether a mask may start in `text`, checking after each '['. */
function mayContainMask(text: string): boolean {
  // In V8 a search for one character runs much faster than a search for a
  // longer literal, and '[' is rare in most text.
  let bracket = text.indexOf('[');
  while (bracket >= 0) {
    if (
      text.startsWith('REDACTED:', bracket + 1) ||
      text.startsWith('HASH:', bracket + 1)
    ) {
      return true;
    }
    bracket = text.indexOf('[', bracket + 1);
  }
  return false;
}

function maskRanges(text: string): number[] {
  if (!mayContainMask(text)) {
    return [];
  }
  const ranges: number[] = [];
  MASK_TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = MASK_TOKEN.exec(text)) !== null) {
    ranges.push(match.index, match.index + match[0].length);
  }
  return ranges;
}

// Only a hit that lies inside one mask is dropped. A hit that reaches past
// a mask is real data around it: a private key whose text contains a mask
// token must still be masked whole.
function insideAny(hit: Hit, ranges: readonly number[]): boolean {
  for (let i = 0; i < ranges.length; i += 2) {
    if (hit.start >= ranges[i] && hit.end <= ranges[i + 1]) {
      return true;
    }
  }
  return false;
}

/** Returns the hits that do not lie inside a mask this package wrote in `text`. */
export function withoutMasks(text: string, hits: Hit[]): Hit[] {
  if (hits.length === 0) {
    return hits;
  }
  const masks = maskRanges(text);
  return masks.length === 0
    ? hits
    : hits.filter((hit) => !insideAny(hit, masks));
}

/** Returns the first hit from index `first` on that spans a whole text. */
function wholeTextHit(
  hits: readonly Hit[],
  first: number,
  length: number,
): Hit | undefined {
  for (let i = first; i < hits.length; i++) {
    if (hits[i].start === 0 && hits[i].end === length) {
      return hits[i];
    }
  }
  return undefined;
}

/** Orders hits and keeps the earliest and then the longest of overlapping ones. */
export function resolveOverlaps(hits: Hit[]): Hit[] {
  if (hits.length < 2) {
    return hits;
  }
  // A bearer token that contains a JWT is masked once, as a bearer token.
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  let covered = 0;
  for (const hit of hits) {
    if (hit.start >= covered) {
      kept.push(hit);
      covered = hit.end;
    }
  }
  return kept;
}

/** The detectors of one Redactor, run together over a text. */
export class DetectorSet {
  private readonly withoutSeparator: readonly Detector[];
  private readonly withSeparator: readonly Detector[];

  constructor(readonly detectors: readonly Detector[]) {
    this.withoutSeparator = detectors.filter(
      (detector) => detector.needsSeparator !== true,
    );
    this.withSeparator = detectors.filter(
      (detector) => detector.needsSeparator === true,
    );
  }

  /**
   * Returns every detection in `text`, unordered and possibly overlapping,
   * except those inside masks this package wrote. `jsonText` marks a whole
   * JSON document: the detectors that need ':' or '=' are left out, and
   * the caller runs them on the strings that contain one with
   * {@link collectSeparated}.
   */
  collect(text: string, hint?: string, jsonText = false): Hit[] {
    const hits: Hit[] = [];
    try {
      for (const detector of jsonText
        ? this.withoutSeparator
        : this.detectors) {
        detector.scan(text, hits, hint);
      }
    } finally {
      releaseLowerCase();
    }
    return withoutMasks(text, hits);
  }

  /** The detectors that {@link collect} runs over a whole JSON document, in order. */
  get documentDetectors(): readonly Detector[] {
    return this.withoutSeparator;
  }

  /** Returns the detections of the detectors that need ':' or '=' in `text`. */
  collectSeparated(text: string, hint?: string): Hit[] {
    const hits: Hit[] = [];
    try {
      for (const detector of this.withSeparator) {
        detector.scan(text, hits, hint);
      }
    } finally {
      releaseLowerCase();
    }
    return withoutMasks(text, hits);
  }

  /** Returns the detections in `text`, ordered and without overlaps. */
  find(text: string, hint?: string): Hit[] {
    const hits: Hit[] = [];
    try {
      for (const detector of this.detectors) {
        const first = hits.length;
        detector.scan(text, hits, hint);
        if (hits.length === first) {
          continue;
        }
        // A detection of the whole text, such as a private key that is a
        // whole JSON value, hides every other detection, so the remaining
        // detectors are skipped. A mask in the text would drop it, so the
        // shortcut is taken only when there is none.
        const whole = wholeTextHit(hits, first, text.length);
        if (whole !== undefined && maskRanges(text).length === 0) {
          return [whole];
        }
      }
    } finally {
      releaseLowerCase();
    }
    return resolveOverlaps(withoutMasks(text, hits));
  }

  /** Returns the type of the first detector that takes `fragment`, the cut end of a text, for the start of a detection. */
  cutType(fragment: string, before: string): string | undefined {
    for (const detector of this.detectors) {
      const type = detector.cutType?.(fragment, before);
      if (type !== undefined) {
        return type;
      }
    }
    return undefined;
  }
}
