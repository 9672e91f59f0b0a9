import { MAX_TOTAL_CHARS, MAX_VALUES, MAX_VALUE_CHARS } from './limits';

/**
 * Counts the values and characters one inspection may still look at.
 * NOTE: the result does not show that a limit stopped the inspection, so a
 * request padded past the limits hides a payload placed after them.
 */
export class Budget {
  private values = 0;
  private chars = 0;

  /** Takes one value of `length` characters, or returns false past a limit. */
  take(length: number): boolean {
    if (this.values >= MAX_VALUES || this.chars >= MAX_TOTAL_CHARS) {
      return false;
    }
    this.values++;
    this.chars += Math.min(length, MAX_VALUE_CHARS);
    return true;
  }
}
