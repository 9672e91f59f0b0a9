import type { DetectorSet } from './detector-set';
import { resolveOverlaps, withoutMasks } from './detector-set';
import type { Detector, Hit } from './detectors/detector';
import { releaseLowerCase } from './detectors/detector';
import type { Prefilter } from './prefilter';
import { prefilterOf } from './prefilter';
import { TokenFlag } from './wasm-flags';

/** A detector of the document pass with its prefilter. */
interface PlannedDetector {
  readonly detector: Detector;
  readonly prefilter: Prefilter;
}

/** The detectors of a set as the WebAssembly scan runs them, token by token. */
export interface DetectorPlan {
  /** The detectors that the JavaScript scan runs over the whole document, in order. */
  readonly document: readonly PlannedDetector[];
}

const plans = new WeakMap<DetectorSet, DetectorPlan | null>();

/**
 * Returns the plan of a detector set, or undefined when one of its
 * detectors has no prefilter (a custom value pattern), so no token can be
 * skipped.
 */
export function planOf(set: DetectorSet): DetectorPlan | undefined {
  let plan = plans.get(set);
  if (plan === undefined) {
    plan = buildPlan(set);
    plans.set(set, plan);
  }
  return plan ?? undefined;
}

function buildPlan(set: DetectorSet): DetectorPlan | null {
  for (const detector of set.detectors) {
    if (prefilterOf(detector) === undefined) {
      return null;
    }
  }
  return {
    document: set.documentDetectors.map((detector) => ({
      detector,
      prefilter: prefilterOf(detector) as Prefilter,
    })),
  };
}

/**
 * Returns whether text[from, to) contains a run of exactly nine digits,
 * which the US SSN check accepts only near a word such as "ssn" before it.
 * The range's edges end a run, as they end the text of the token's scan.
 */
function hasNineDigitRun(text: string, from: number, to: number): boolean {
  let run = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) {
      run++;
    } else if (run === 9) {
      return true;
    } else {
      run = 0;
    }
  }
  return run === 9;
}

/**
 * Returns whether the detector may read the text before the token: the
 * AWS secret key detector for its anchor, and the digit detector when the
 * token contains nine digits in a row. Other checks of the digit detector
 * read one or two characters before a group, which are a quote or a
 * character of the token.
 */
function needsContext(
  text: string,
  from: number,
  to: number,
  prefilter: Prefilter,
): boolean {
  return prefilter.flag !== TokenFlag.Digits || hasNineDigitRun(text, from, to);
}

/** Thrown when a detection crosses the edge of its token, which the JavaScript scan handles on its own terms. */
export const CROSSING = new Error('detection crosses a token edge');

/**
 * Returns the detections inside text[from, to), relative to `from`, that
 * the detectors of the document pass find there when they scan the whole
 * text. Only the detectors whose prefilter flag is set run, each over the
 * token and the context before it that it reads. Throws
 * {@link CROSSING} when a detection reaches past the token.
 */
export function tokenHits(
  text: string,
  from: number,
  to: number,
  flags: number,
  plan: DetectorPlan,
): Hit[] {
  let inside: Hit[] | undefined;
  // Most detectors read just the token, so its copy is made once.
  let token: string | undefined;
  for (const { detector, prefilter } of plan.document) {
    if ((flags & prefilter.flag) === 0) {
      continue;
    }
    const start =
      prefilter.lookBehind > 0 && needsContext(text, from, to, prefilter)
        ? Math.max(0, from - prefilter.lookBehind)
        : from;
    // One character past the token shows a detection that runs on.
    const end = prefilter.spanning ? Math.min(text.length, to + 1) : to;
    let scanned: string;
    if (start === from && end === to) {
      token ??= text.slice(from, to);
      scanned = token;
    } else {
      scanned = text.slice(start, end);
    }
    const found: Hit[] = [];
    try {
      detector.scan(scanned, found, undefined);
    } finally {
      releaseLowerCase();
    }
    for (const hit of found) {
      const hitStart = hit.start + start;
      const hitEnd = hit.end + start;
      if (hitEnd <= from || hitStart >= to) {
        continue;
      }
      if (hitStart < from || hitEnd > to) {
        throw CROSSING;
      }
      // The hit is this call's own, so it is moved to the token's offsets
      // in place.
      hit.start = hitStart - from;
      hit.end = hitEnd - from;
      inside ??= [];
      inside.push(hit);
    }
  }
  if (inside === undefined) {
    return [];
  }
  return resolveOverlaps(withoutMasks(token ?? text.slice(from, to), inside));
}
