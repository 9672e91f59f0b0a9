import type { Detector } from './detector';

const MIN_DIGITS = 13;
const MAX_DIGITS = 19;

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

function isCardNumber(digits: string): boolean {
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) {
    return false;
  }
  // Payment cards carry a major industry identifier of 2 to 6. This rejects
  // Luhn-valid look-alikes such as epoch milliseconds and ISBN-13 numbers.
  const first = digits.charCodeAt(0) - 48;
  if (first < 2 || first > 6) {
    return false;
  }
  if (/^(\d)\1*$/.test(digits)) {
    return false;
  }
  return passesLuhn(digits);
}

/** Detects payment card numbers of 13 to 19 digits, plain or grouped by spaces or dashes, that pass Luhn. */
export const creditCard: Detector = {
  name: 'credit_card',
  // Either one run of digits, or a first group of 4 to 6 digits followed by
  // up to four groups, each after one space or dash.
  pattern: /(?<!\d)(?:\d{13,19}|\d{4,6}(?:[ -]\d{1,6}){1,4})(?!\d)/g,
  confirm(_text: string, match: RegExpExecArray): number {
    // A grouped candidate can run into a following number ("4242 4242 4242
    // 4242 12"), so shorter prefixes that end at a group boundary are tried.
    const groups = match[0].split(/[ -]/);
    let length = match[0].length;
    for (let count = groups.length; count >= 1; count--) {
      if (isCardNumber(groups.slice(0, count).join(''))) {
        return match.index + length;
      }
      length -= groups[count - 1].length + 1;
    }
    return -1;
  },
};
