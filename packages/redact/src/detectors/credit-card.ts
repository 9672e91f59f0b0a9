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
  // The brand table rejects Luhn-valid look-alikes such as epoch
  // milliseconds (leading 1) and ISBN-13 numbers (leading 9).
  if (cardBrand(digits) === undefined || /^(\d)\1*$/.test(digits)) {
    return false;
  }
  return passesLuhn(digits);
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

function groupedCardEnd(text: string, start: number, firstEnd: number): number {
  const bounds = readGroups(text, start, firstEnd);
  // A grouped number can run into a following number ("4242 4242 4242
  // 4242 12"), so shorter prefixes that end at a group boundary are tried.
  for (let count = bounds.length / 2; count >= 2; count--) {
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

/** Finds payment card numbers of 13 to 19 digits, plain or grouped by spaces or dashes, with a brand prefix and a valid Luhn digit. */
export const creditCard: DigitCheck = {
  name: 'credit_card',
  types: ['credit_card'],
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
