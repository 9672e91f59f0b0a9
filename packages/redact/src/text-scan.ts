import type { RedactionContext } from './context';
import type { Hit } from './detectors/detector';

// A value with more detections than this (a body that is one long list of
// addresses, say) is masked whole, which bounds the memory that one mask
// per detection would take.
const MAX_HITS_PER_VALUE = 10_000;
// Past this many detections in one value, each type is reported once.
const MAX_REPORTED_HITS = 100;

/**
 * Replaces each hit in `text` by the output of its type's action, without
 * reporting. Returns the text itself when every action kept its value.
 */
export function applyHits(
  text: string,
  hits: readonly Hit[],
  context: RedactionContext,
): string {
  if (hits.length > MAX_HITS_PER_VALUE) {
    return context.replacer.replace(hits[0].type, text, true) ?? text;
  }
  if (hits.length === 1) {
    return applyHit(text, hits[0], context);
  }
  const parts: string[] = [];
  let position = 0;
  for (const hit of hits) {
    const replacement = context.replacer.replace(
      hit.type,
      text.slice(hit.start, hit.end),
    );
    if (replacement !== undefined) {
      parts.push(text.slice(position, hit.start), replacement);
      position = hit.end;
    }
  }
  if (position === 0) {
    return text;
  }
  parts.push(text.slice(position));
  return parts.join('');
}

/** Applies one hit as {@link applyHits} does, without an array to join, because most values contain one detection. */
function applyHit(text: string, hit: Hit, context: RedactionContext): string {
  const replacement = context.replacer.replace(
    hit.type,
    text.slice(hit.start, hit.end),
  );
  if (replacement === undefined) {
    return text;
  }
  if (hit.start === 0 && hit.end === text.length) {
    return replacement;
  }
  return text.slice(0, hit.start) + replacement + text.slice(hit.end);
}

/** Reports each hit at `path`, or each type once when there are very many. */
export function reportHits(
  hits: readonly Hit[],
  context: RedactionContext,
  path: string,
): void {
  if (hits.length <= MAX_REPORTED_HITS) {
    for (const hit of hits) {
      context.reporter.report(hit.type, path);
    }
    return;
  }
  for (const type of new Set(hits.map((hit) => hit.type))) {
    context.reporter.report(type, path);
  }
}

/** Replaces each hit in `text` by the output of its type's action and reports each at `path`. */
export function replaceHits(
  text: string,
  hits: readonly Hit[],
  context: RedactionContext,
  path: string,
): string {
  reportHits(hits, context, path);
  return applyHits(text, hits, context);
}

/** Redacts every detection in free text and reports each one at `path`. */
export function redactText(
  text: string,
  context: RedactionContext,
  path: string,
  hint?: string,
): string {
  if (text === '') {
    return text;
  }
  const hits = context.detectors.find(text, hint);
  return hits.length === 0 ? text : replaceHits(text, hits, context, path);
}
