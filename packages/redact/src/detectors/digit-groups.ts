import type { Detector, Hit } from './detector';
import { isDigit, isLetter } from './detector';

/** A detector of numbers written in digit groups, run on the clusters that {@link digitGroupDetector} finds. */
export interface DigitCheck {
  readonly name: string;
  readonly types: readonly string[];
  /**
   * Returns the detection that starts at the digit at `start`, or
   * undefined. The detection may begin one character earlier, at a `+` or
   * `(` that belongs to it.
   */
  check(text: string, start: number, hint: string | undefined): Hit | undefined;
  /**
   * Minimum number of digits of a detection, for a check whose detections
   * never reach past the cluster they start in. The check is skipped on a
   * cluster with fewer digits.
   */
  readonly minDigits?: number;
  /** Returns a type when `digits`, the digits of a number cut by a size limit, could start a detection. */
  cutType?(digits: string, fragment: string): string | undefined;
}

// Seven digits with at most two separators between neighbours: the
// shortest number any digit check accepts. The lookbehind keeps a match
// from starting inside a run of digits, so each run is tried once.
const CLUSTER = /(?<![0-9])[0-9](?:[ ()./-]{0,2}[0-9]){6}/g;

function isSeparator(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x28 ||
    code === 0x29 ||
    code === 0x2e ||
    code === 0x2f ||
    code === 0x2d
  );
}

/** Returns the offset after the run of digits at `start`. */
export function digitRunEnd(text: string, start: number): number {
  let position = start;
  while (position < text.length && isDigit(text.charCodeAt(position))) {
    position++;
  }
  return position;
}

/** Returns the end of the cluster of digit groups that starts at `start`. */
function clusterEnd(text: string, start: number): number {
  let end = digitRunEnd(text, start);
  for (;;) {
    let next = end;
    while (next < end + 2 && isSeparator(text.charCodeAt(next))) {
      next++;
    }
    if (next === end || !isDigit(text.charCodeAt(next))) {
      return end;
    }
    end = digitRunEnd(text, next);
  }
}

function longestAt(
  text: string,
  start: number,
  checks: readonly DigitCheck[],
  hint: string | undefined,
  clusterDigits: number,
): Hit | undefined {
  let best: Hit | undefined;
  for (const check of checks) {
    if (check.minDigits !== undefined && clusterDigits < check.minDigits) {
      continue;
    }
    const hit = check.check(text, start, hint);
    if (hit !== undefined && (best === undefined || hit.end > best.end)) {
      best = hit;
    }
  }
  return best;
}

function digitCount(text: string, start: number, end: number): number {
  let digits = 0;
  for (let i = start; i < end; i++) {
    if (isDigit(text.charCodeAt(i))) {
      digits++;
    }
  }
  return digits;
}

function scanCluster(
  text: string,
  start: number,
  end: number,
  checks: readonly DigitCheck[],
  hits: Hit[],
  hint: string | undefined,
): void {
  const clusterDigits = digitCount(text, start, end);
  let covered = start;
  for (let position = start; position < end; position++) {
    const isGroupStart =
      position >= covered &&
      isDigit(text.charCodeAt(position)) &&
      (position === start || !isDigit(text.charCodeAt(position - 1)));
    if (!isGroupStart) {
      continue;
    }
    const hit = longestAt(text, position, checks, hint, clusterDigits);
    if (hit !== undefined) {
      hits.push(hit);
      covered = hit.end;
    }
  }
}

/**
 * Combines the digit checks into one detector, so a text is searched for
 * digit clusters once and each check runs only where seven digits or more
 * stand close together. Every group start of a cluster is tried.
 */
export function digitGroupDetector(checks: readonly DigitCheck[]): Detector {
  return {
    name: checks.map((check) => check.name).join('+'),
    types: checks.flatMap((check) => check.types),
    scan(text: string, hits: Hit[], hint: string | undefined): void {
      CLUSTER.lastIndex = 0;
      let match: RegExpExecArray | null;
      while ((match = CLUSTER.exec(text)) !== null) {
        const end = clusterEnd(text, match.index);
        // Digits inside a word, as in a hex digest or a base64 token, are
        // part of that word and not a number of their own.
        if (
          !isLetter(text.charCodeAt(match.index - 1)) &&
          !isLetter(text.charCodeAt(end))
        ) {
          scanCluster(text, match.index, end, checks, hits, hint);
        }
        CLUSTER.lastIndex = end;
      }
    },
    cutType(fragment: string): string | undefined {
      const digits = fragment.replace(/[^0-9]/g, '');
      for (const check of checks) {
        const type = check.cutType?.(digits, fragment);
        if (type !== undefined) {
          return type;
        }
      }
      return undefined;
    },
  };
}
