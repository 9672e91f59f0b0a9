import type * as Recheck from 'recheck';
import type { Diagnostics, Parameters, VulnerableComplexity } from 'recheck';
import type * as Scslre from 'scslre';

/**
 * Time limit of one recheck analysis in milliseconds. On a 2-core VM the
 * automaton checker of recheck 4.5 decided each safe pattern of the test
 * corpus within 700 ms. The first check of a process also compiles recheck
 * and took up to 1.6 s, and a loaded CI machine is slower.
 */
export const ANALYSIS_TIMEOUT_MS = 5000;

const ANALYSIS_PARAMETERS: Parameters = {
  // The automaton checker proves a result, where the fuzzing checker only
  // searches for an attack and took more than 2 s on bounded patterns such
  // as tok_[A-Za-z0-9]{32}.
  checker: 'automaton',
  timeout: ANALYSIS_TIMEOUT_MS,
};
// Longer attack strings are cut in messages.
const MAX_ATTACK_CHARS = 80;

let scslre: typeof Scslre | undefined;

/** Returns scslre, loaded on the first check like recheck: with refa it adds about 40 ms to start-up. */
function loadScslre(): typeof Scslre {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  scslre ??= require('scslre') as typeof Scslre;
  return scslre;
}

type RecheckModule = typeof Recheck;
let checkSync: RecheckModule['checkSync'] | undefined;

function loadRecheck(): RecheckModule['checkSync'] {
  if (checkSync === undefined) {
    // Loading recheck parses about 3 MB of JavaScript (about 200 ms), so it
    // is loaded on the first check, and an agent without custom patterns
    // never pays for it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    checkSync = (require('recheck') as RecheckModule).checkSync;
  }
  return checkSync;
}

/**
 * Runs recheck in the calling thread. Its default synchronous backend
 * starts a worker thread, which may in turn start recheck's native binary
 * or a JVM. The backend is chosen by an environment variable that recheck
 * reads on each call, so it is set for the call and restored after.
 */
function runRecheck(pattern: RegExp): Diagnostics {
  const check = loadRecheck();
  const previous = process.env.RECHECK_SYNC_BACKEND;
  process.env.RECHECK_SYNC_BACKEND = 'pure';
  try {
    return check(pattern.source, pattern.flags, ANALYSIS_PARAMETERS);
  } finally {
    if (previous === undefined) {
      delete process.env.RECHECK_SYNC_BACKEND;
    } else {
      process.env.RECHECK_SYNC_BACKEND = previous;
    }
  }
}

function shorten(text: string): string {
  return text.length > MAX_ATTACK_CHARS
    ? `${text.slice(0, MAX_ATTACK_CHARS)}...`
    : text;
}

function hotspotText(pattern: RegExp, diagnostics: Diagnostics): string {
  if (diagnostics.status !== 'vulnerable') {
    return '';
  }
  const parts = diagnostics.hotspot
    .filter((spot) => spot.temperature === 'heat')
    .map((spot) => pattern.source.slice(spot.start, spot.end));
  const unique = [...new Set(parts)].map((part) => `"${part}"`);
  return unique.length === 0 ? '' : ` around ${unique.join(' and ')}`;
}

function growthText(complexity: VulnerableComplexity): string {
  return complexity.type === 'exponential'
    ? 'exponential'
    : `polynomial (degree ${complexity.degree})`;
}

/** Returns scslre's finding as a reason, or undefined when it finds none. */
function scslreReason(pattern: RegExp): string | undefined {
  const report = loadScslre().analyse({
    source: pattern.source,
    flags: pattern.flags,
  }).reports[0];
  if (report === undefined) {
    return undefined;
  }
  // scslre reports the least growth it can show: (a|aa)+ is marked
  // polynomial although it is exponential.
  const growth = report.exponential
    ? 'exponentially'
    : 'at least quadratically';
  const character = report.character.literal.source;
  return `scslre finds that its running time grows ${growth} on a long run of ${character}`;
}

/** Result of the backtracking analysis: safe, or the reason for rejecting. */
export type AnalysisResult =
  | { readonly safe: true }
  | {
      readonly safe: false;
      readonly reason: string;
      /** Set when no analysis could decide the pattern. */
      readonly undecided: boolean;
    };

/**
 * Decides whether a pattern can backtrack catastrophically. scslre runs
 * first because it takes milliseconds and finds most classic shapes. The
 * rest goes to recheck's automaton checker, bounded by ANALYSIS_TIMEOUT_MS,
 * and a pattern that recheck cannot decide in that time is rejected.
 */
export function analyseBacktracking(pattern: RegExp): AnalysisResult {
  const scslreFinding = scslreReason(pattern);
  if (scslreFinding !== undefined) {
    return { safe: false, reason: scslreFinding, undecided: false };
  }
  const diagnostics = runRecheck(pattern);
  if (diagnostics.status === 'safe') {
    return { safe: true };
  }
  if (diagnostics.status === 'vulnerable') {
    const attack = shorten(diagnostics.attack.pattern);
    const where = hotspotText(pattern, diagnostics);
    return {
      safe: false,
      reason: `recheck finds ${growthText(diagnostics.complexity)} backtracking${where}, for example on the input ${attack}`,
      undecided: false,
    };
  }
  const error = diagnostics.error;
  const reason =
    error.kind === 'timeout' || error.kind === 'cancel'
      ? `recheck could not decide within ${ANALYSIS_TIMEOUT_MS} ms whether it is safe`
      : `recheck could not analyse it (${error.kind}: ${error.message})`;
  return { safe: false, reason, undecided: true };
}
