import { cardBrand } from './card-brands';
import type { DigitCheck } from './digit-groups';
import { digitRunEnd } from './digit-groups';
import type { Hit } from './detector';

const MIN_DIGITS = 13;
const MAX_DIGITS = 19;
const MAX_GROUPS = 5;
const MAX_GROUP_DIGITS = 6;

/** Returns whether a string of digits passes the Luhn (mod 10) check. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) {
        digit -= 9;
      }
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Returns whether digits form a card number: a brand's prefix and length, Luhn, and not one repeated digit. */
export function isCardNumber(digits: string): boolean {
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) {
    return false;
  }
  // Luhn rejects nine in ten random numbers without allocating, so it runs
  // before the brand table. The brand table rejects Luhn-valid look-alikes
  // such as epoch milliseconds (leading 1) and ISBN-13 numbers (leading 9).
  return (
    passesLuhn(digits) &&
    cardBrand(digits) !== undefined &&
    !/^(\d)\1*$/.test(digits)
  );
}

function isGroupSeparator(code: number): boolean {
  return code === 0x20 || code === 0x2d;
}

/** Reads up to five groups from `start`, each after one space or dash, as [start, end] pairs. */
function readGroups(text: string, start: number, firstEnd: number): number[] {
  const bounds = [start, firstEnd];
  let position = firstEnd;
  while (
    bounds.length < MAX_GROUPS * 2 &&
    isGroupSeparator(text.charCodeAt(position)) &&
    digitRunEnd(text, position + 1) > position + 1
  ) {
    const end = digitRunEnd(text, position + 1);
    if (end - position - 1 > MAX_GROUP_DIGITS) {
      break;
    }
    bounds.push(position + 1, end);
    position = end;
  }
  return bounds;
}

/** Returns the number of digits in the groups that {@link readGroups} reads, without allocating. */
function groupedDigits(text: string, start: number, firstEnd: number): number {
  let digits = firstEnd - start;
  let groups = 1;
  let position = firstEnd;
  while (groups < MAX_GROUPS && isGroupSeparator(text.charCodeAt(position))) {
    const end = digitRunEnd(text, position + 1);
    if (end === position + 1 || end - position - 1 > MAX_GROUP_DIGITS) {
      break;
    }
    digits += end - position - 1;
    groups++;
    position = end;
  }
  return digits;
}

function groupedCardEnd(text: string, start: number, firstEnd: number): number {
  // Most digit groups are followed by too few digits for a card, which a
  // count shows before any group or string is stored.
  if (groupedDigits(text, start, firstEnd) < MIN_DIGITS) {
    return -1;
  }
  const bounds = readGroups(text, start, firstEnd);
  // A grouped number can run into a following number ("4242 4242 4242
  // 4242 12"), so shorter prefixes that end at a group boundary are tried.
  for (let count = bounds.length / 2; count >= 2; count--) {
    // Shorter prefixes can still have too few digits, and a count shows
    // it before any string is built.
    const length = groupsLength(bounds, count);
    if (length < MIN_DIGITS || length > MAX_DIGITS) {
      continue;
    }
    let digits = '';
    for (let i = 0; i < count; i++) {
      digits += text.slice(bounds[i * 2], bounds[i * 2 + 1]);
    }
    if (isCardNumber(digits)) {
      return bounds[count * 2 - 1];
    }
  }
  return -1;
}

/** Returns the number of digits in the first `count` groups of `bounds`. */
function groupsLength(bounds: readonly number[], count: number): number {
  let length = 0;
  for (let i = 0; i < count; i++) {
    length += bounds[i * 2 + 1] - bounds[i * 2];
  }
  return length;
}

/** Finds payment card numbers of 13 to 19 digits, plain or grouped by spaces or dashes, with a brand prefix and a valid Luhn digit. */
export const creditCard: DigitCheck = {
  name: 'credit_card',
  types: ['credit_card'],
  // Groups follow one space or dash each, so a card stays in its cluster.
  minDigits: MIN_DIGITS,
  check(text: string, start: number): Hit | undefined {
    const firstEnd = digitRunEnd(text, start);
    const length = firstEnd - start;
    if (
      length >= MIN_DIGITS &&
      length <= MAX_DIGITS &&
      isCardNumber(text.slice(start, firstEnd))
    ) {
      return { start, end: firstEnd, type: 'credit_card' };
    }
    if (length < 4 || length > MAX_GROUP_DIGITS) {
      return undefined;
    }
    const end = groupedCardEnd(text, start, firstEnd);
    return end < 0 ? undefined : { start, end, type: 'credit_card' };
  },
  cutType(digits: string, fragment: string): string | undefined {
    // Six leading digits identify only the issuer, which card rules allow
    // to show, so a shorter cut number is left as it is.
    return digits.length > 6 && /^[2-6][0-9 -]*$/.test(fragment)
      ? 'credit_card'
      : undefined;
  },
};
