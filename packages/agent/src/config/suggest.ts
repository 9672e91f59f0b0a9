import { distance } from 'fastest-levenshtein';

// Longer names are not compared: edit distance costs the product of the
// lengths, and a name this long is no typo of a key.
const MAX_COMPARED_LENGTH = 100;

function normalize(name: string): string {
  return name.toLowerCase().replace(/[\s._-]/g, '');
}

/**
 * Finds the candidate closest to a misspelt name by edit distance, ignoring
 * case, dots, dashes and underscores. Returns the label of the closest one,
 * or undefined when none is within a third of the name's length (at least 1).
 */
export function closestName(
  input: string,
  candidates: Iterable<{ name: string; label: string }>,
): string | undefined {
  if (input.length > MAX_COMPARED_LENGTH) return undefined;
  const wanted = normalize(input);
  let best: { label: string; distance: number; length: number } | undefined;
  for (const candidate of candidates) {
    const compared = normalize(candidate.name);
    const edits = distance(wanted, compared);
    if (best === undefined || edits < best.distance) {
      best = {
        label: candidate.label,
        distance: edits,
        length: compared.length,
      };
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(
    1,
    Math.floor(Math.max(wanted.length, best.length) / 3),
  );
  return best.distance <= limit ? best.label : undefined;
}
