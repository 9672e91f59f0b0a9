import { ACTIONS } from './actions';
import type { Detector, Hit } from './detectors/detector';
import type { KeyPattern } from './key-rules';
import { checkPatternSafety, compilePattern } from './pattern-safety';
import type { RedactionAction } from './types';

const NAME = /^[a-z][a-z0-9_.-]{0,63}$/;

/** Custom detectors compiled from options, with one message per rejected entry. */
export interface CompiledCustomDetectors {
  readonly valueDetectors: Detector[];
  readonly keyPatterns: KeyPattern[];
  readonly actions: Map<string, RedactionAction>;
  readonly problems: string[];
}

/** Returns a detector that reports each match of a configured value pattern. */
function valuePatternDetector(name: string, pattern: RegExp): Detector {
  const flags = pattern.flags.replace(/[gy]/g, '');
  const global = new RegExp(pattern.source, `${flags}g`);
  return {
    name,
    types: [name],
    scan(text: string, hits: Hit[]): void {
      global.lastIndex = 0;
      let match: RegExpExecArray | null;
      while ((match = global.exec(text)) !== null) {
        if (match[0] === '') {
          // An empty match hides nothing, and the scan must move on.
          global.lastIndex++;
          continue;
        }
        hits.push({
          start: match.index,
          end: match.index + match[0].length,
          type: name,
        });
      }
    },
  };
}

function compileOne(
  entry: unknown,
  label: string,
  compiled: CompiledCustomDetectors,
): void {
  if (typeof entry !== 'object' || entry === null) {
    compiled.problems.push(
      `${label} must be an object with name and keyPattern or valuePattern; it is ignored.`,
    );
    return;
  }
  const given = entry as Record<string, unknown>;
  const name = given.name;
  if (typeof name !== 'string' || !NAME.test(name)) {
    compiled.problems.push(
      `${label}.name must be a lower-case name of letters, digits, '_', '.' or '-' (for example employee_id); the detector is ignored.`,
    );
    return;
  }
  const hasKey = given.keyPattern !== undefined;
  const hasValue = given.valuePattern !== undefined;
  if (hasKey === hasValue) {
    compiled.problems.push(
      `${label} (${name}) must set exactly one of keyPattern and valuePattern; the detector is ignored.`,
    );
    return;
  }
  const field = hasKey ? 'keyPattern' : 'valuePattern';
  const pattern = compilePattern(
    given[field],
    given.flags,
    `${label}.${field}`,
  );
  if (typeof pattern === 'string') {
    compiled.problems.push(pattern);
    return;
  }
  const unsafe = checkPatternSafety(pattern, `${label}.${field}`);
  if (unsafe !== undefined) {
    compiled.problems.push(unsafe);
    return;
  }
  if (given.action !== undefined) {
    if (!ACTIONS.includes(given.action as RedactionAction)) {
      compiled.problems.push(
        `${label}.action must be one of ${ACTIONS.join(', ')}; mask is used.`,
      );
    } else {
      compiled.actions.set(name, given.action as RedactionAction);
    }
  }
  if (hasKey) {
    compiled.keyPatterns.push({ pattern, type: name });
  } else {
    compiled.valueDetectors.push(valuePatternDetector(name, pattern));
  }
}

/** Compiles the `customDetectors` option, rejecting entries that are invalid or whose pattern can backtrack catastrophically. */
export function compileCustomDetectors(
  value: unknown,
): CompiledCustomDetectors {
  const compiled: CompiledCustomDetectors = {
    valueDetectors: [],
    keyPatterns: [],
    actions: new Map(),
    problems: [],
  };
  if (value === undefined) {
    return compiled;
  }
  if (!Array.isArray(value)) {
    compiled.problems.push(
      `customDetectors must be an array, got ${typeof value}; it is ignored.`,
    );
    return compiled;
  }
  (value as unknown[]).forEach((entry, index) => {
    compileOne(entry, `customDetectors[${index}]`, compiled);
  });
  return compiled;
}
