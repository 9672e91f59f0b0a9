import { describeError } from '../logger';
import type { Filter, FilterFunction, Stage } from '../types';

/** A filter as the engine runs it, with its defaults applied. */
export interface ActiveFilter {
  readonly name: string;
  readonly stages: readonly Stage[];
  readonly monitor: boolean;
  readonly check: Filter['check'];
  /** The object `check` is called on, so filter classes keep their `this`. */
  readonly target: unknown;
}

/** Filters grouped by the stage they run at, and the entries left out. */
export interface FilterList {
  readonly headers: readonly ActiveFilter[];
  readonly body: readonly ActiveFilter[];
  /** One sentence per entry that is not a filter, naming its position. */
  readonly problems: readonly string[];
}

const STAGES: readonly Stage[] = ['headers', 'body'];

/**
 * Sorts filters into stages. A plain function is a headers-stage filter
 * named after the function. An entry that is no filter, or that lists an
 * unknown stage or mode, is left out and described in `problems`. A filter
 * whose mode is `off` is left out silently.
 */
export function buildFilterList(
  entries: ReadonlyArray<Filter | FilterFunction | undefined>,
): FilterList {
  const headers: ActiveFilter[] = [];
  const body: ActiveFilter[] = [];
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    if (entry === undefined) return;
    const result = readFilter(entry, index);
    if (typeof result === 'string') {
      problems.push(result);
      return;
    }
    if (result === undefined) return;
    if (result.stages.includes('headers')) headers.push(result);
    if (result.stages.includes('body')) body.push(result);
  });
  return { headers, body, problems };
}

// A filter object with a throwing getter, or a Proxy, must cost only that
// filter, not the engine and with it the whole agent.
function readFilter(
  entry: unknown,
  index: number,
): ActiveFilter | string | undefined {
  try {
    return toActiveFilter(entry, index);
  } catch (error) {
    return `filter ${index + 1} could not be read: ${describeError(error)}`;
  }
}

function toActiveFilter(
  entry: unknown,
  index: number,
): ActiveFilter | string | undefined {
  const position = `filter ${index + 1}`;
  if (typeof entry === 'function') {
    return {
      name: entry.name === '' ? `filter-${index + 1}` : entry.name,
      stages: ['headers'],
      monitor: false,
      check: entry as FilterFunction,
      target: undefined,
    };
  }
  if (typeof entry !== 'object' || entry === null) {
    return `${position} is ${entry === null ? 'null' : typeof entry}, not a filter object or function`;
  }
  // Each field is read once, so a getter cannot pass the checks with one
  // value and hand the engine another.
  const filter = entry as Omit<Partial<Filter>, 'mode'> & { mode?: unknown };
  const { check, mode, name: rawName } = filter;
  const rawStages: unknown = filter.stages ?? ['headers'];
  const stages: unknown[] | undefined = Array.isArray(rawStages)
    ? [...(rawStages as unknown[])]
    : undefined;
  if (typeof check !== 'function') {
    return `${position} has no check function`;
  }
  if (mode === 'off') return undefined;
  if (mode !== undefined && mode !== 'monitor' && mode !== 'block') {
    const modeText =
      typeof mode === 'string' ? JSON.stringify(mode) : typeof mode;
    return `${position} has the mode ${modeText}; expected off, monitor or block`;
  }
  if (
    stages === undefined ||
    stages.length === 0 ||
    stages.some((stage: unknown) => !STAGES.includes(stage as Stage))
  ) {
    return `${position} has stages that are not a non-empty list of headers and body`;
  }
  const name =
    typeof rawName === 'string' && rawName !== ''
      ? rawName
      : `filter-${index + 1}`;
  return {
    name,
    stages: [...(stages as Stage[])],
    monitor: mode === 'monitor',
    check,
    target: filter,
  };
}
