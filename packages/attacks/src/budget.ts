import { diag } from '@opentelemetry/api';
import { DEFAULT_LIMITS } from './limits';
import type { InspectLimitName, InspectLimits } from './types';

const logger = diag.createComponentLogger({ namespace: '@tracegate/attacks' });
// Option fields already reported as invalid, so each is logged once.
const reportedInvalid = new Set<string>();

/** Merges limits from options over the defaults, skipping invalid ones. */
export function resolveLimits(
  limits: Partial<InspectLimits> | undefined,
): InspectLimits {
  if (limits === undefined) {
    return DEFAULT_LIMITS;
  }
  const resolved = { ...DEFAULT_LIMITS };
  for (const name of Object.keys(DEFAULT_LIMITS) as InspectLimitName[]) {
    const value = limits[name];
    if (value === undefined) {
      continue;
    }
    if (Number.isSafeInteger(value) && value > 0) {
      resolved[name] = value;
    } else if (!reportedInvalid.has(name)) {
      reportedInvalid.add(name);
      logger.warn(
        `invalid limits.${name}: expected a positive integer, so the default ${DEFAULT_LIMITS[name]} is used`,
      );
    }
  }
  return resolved;
}

/**
 * Counts the values and characters one inspection may still look at, and
 * records which limits left input uninspected.
 */
export class Budget {
  private values = 0;
  private chars = 0;
  private readonly reached = new Set<InspectLimitName>();

  constructor(readonly limits: InspectLimits = DEFAULT_LIMITS) {}

  /** Takes one value of `length` characters, or returns false past a limit. */
  take(length: number): boolean {
    if (this.values >= this.limits.maxValues) {
      this.reach('maxValues');
      return false;
    }
    if (this.chars >= this.limits.maxTotalChars) {
      this.reach('maxTotalChars');
      return false;
    }
    if (length > this.limits.maxValueChars) {
      this.reach('maxValueChars');
    }
    this.values++;
    this.chars += Math.min(length, this.limits.maxValueChars);
    return true;
  }

  /** Records that `limit` left part of the request uninspected. */
  reach(limit: InspectLimitName): void {
    this.reached.add(limit);
  }

  /** The limits reached so far, in the order they were first reached. */
  get limitsReached(): InspectLimitName[] {
    return [...this.reached];
  }
}
