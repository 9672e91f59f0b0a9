// Prints the time checkPatternSafety takes per pattern, for the corpus and
// for the patterns in the package sources. Run after a build with
// `node packages/redact/dist/test/pattern-safety-timing.js`.
import { checkPatternSafety } from '../src';
import { BAD_PATTERNS, GOOD_PATTERNS } from './pattern-corpus';
import { findSourcePatterns } from './source-patterns';

function timeChecks(patterns: readonly RegExp[]): number[] {
  return patterns.map((pattern) => {
    const started = performance.now();
    checkPatternSafety(pattern, 'pattern');
    return performance.now() - started;
  });
}

function summary(label: string, times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  const max = sorted[sorted.length - 1];
  return `${label}: ${times.length} patterns, first ${times[0].toFixed(1)} ms, median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms`;
}

const corpus = [...BAD_PATTERNS, ...GOOD_PATTERNS].map(
  ({ source, flags }) => new RegExp(source, flags),
);
const sources = findSourcePatterns().flatMap(({ pattern }) =>
  pattern === undefined ? [] : [pattern],
);
console.log(summary('corpus', timeChecks(corpus)));
console.log(summary('package sources', timeChecks(sources)));
