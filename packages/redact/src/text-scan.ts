import type { RedactionContext } from './context';
import type { Detector } from './detectors/detector';
import { mask } from './mask';

/** A confirmed detection: the half-open range [start, end) of `type`. */
export interface Hit {
  start: number;
  end: number;
  type: string;
}

function collectHits(text: string, detector: Detector, hits: Hit[]): void {
  const pattern = detector.pattern;
  pattern.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const end = detector.confirm(text, match);
    if (end > match.index) {
      hits.push({ start: match.index, end, type: detector.name });
      pattern.lastIndex = end;
    } else {
      // A rejected candidate may hide a valid one that starts later inside
      // it. The lookbehind of each pattern keeps this retry linear.
      pattern.lastIndex = match.index + 1;
    }
  }
}

/** Finds every confirmed, non-overlapping detection in `text`, ordered by position. */
export function findHits(text: string, detectors: readonly Detector[]): Hit[] {
  const all: Hit[] = [];
  for (const detector of detectors) {
    collectHits(text, detector, all);
  }
  if (all.length < 2) {
    return all;
  }
  // The earliest and then the longest detection wins, so a bearer token
  // that contains a JWT is masked once as a bearer token.
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  let covered = 0;
  for (const hit of all) {
    if (hit.start >= covered) {
      kept.push(hit);
      covered = hit.end;
    }
  }
  return kept;
}

/** Replaces each hit in `text` by its mask. */
export function applyHits(text: string, hits: readonly Hit[]): string {
  let result = '';
  let position = 0;
  for (const hit of hits) {
    result += text.slice(position, hit.start) + mask(hit.type);
    position = hit.end;
  }
  return result + text.slice(position);
}

/** Masks every detection in free text and reports each one at `path`. */
export function redactText(
  text: string,
  context: RedactionContext,
  path: string,
): string {
  const hits = findHits(text, context.detectors);
  if (hits.length === 0) {
    return text;
  }
  for (const hit of hits) {
    context.reporter.report(hit.type, path);
  }
  return applyHits(text, hits);
}
