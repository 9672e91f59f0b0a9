import type { Hit } from './detector';
import { hasContext, isAlphanumeric, isDigit } from './detector';
import type { DigitCheck } from './digit-groups';

// Numbers the Social Security Administration published in advertising or
// that were widely misused, so they are not anyone's number.
const PUBLISHED_NUMBERS: ReadonlySet<string> = new Set([
  '078051120',
  '219099999',
  '457555462',
]);

// Nine digits without separators look like many other identifiers, so
// they count only near one of these words.
const CONTEXT = /ssn|social.?sec|tax.?payer|\btin\b|\bitin\b/i;
const CONTEXT_WINDOW = 40;
const SSN_DIGITS = 9;

/** Returns whether nine digits form an SSN that could have been issued. */
export function isIssuableSsn(digits: string): boolean {
  const area = Number(digits.slice(0, 3));
  const group = digits.slice(3, 5);
  const serial = digits.slice(5);
  // Area 000, 666 and 900-999, group 00 and serial 0000 are never issued.
  if (area === 0 || area === 666 || area >= 900) {
    return false;
  }
  if (group === '00' || serial === '0000') {
    return false;
  }
  return !PUBLISHED_NUMBERS.has(digits);
}

function digitsAt(text: string, start: number, count: number): boolean {
  for (let i = start; i < start + count; i++) {
    if (!isDigit(text.charCodeAt(i))) {
      return false;
    }
  }
  return true;
}

function endsCleanly(text: string, end: number): boolean {
  const next = text.charCodeAt(end);
  return (
    !isAlphanumeric(next) &&
    !(next === 0x2d && isDigit(text.charCodeAt(end + 1)))
  );
}

function startsCleanly(text: string, start: number): boolean {
  const previous = text.charCodeAt(start - 1);
  return (
    !isAlphanumeric(previous) &&
    !(previous === 0x2d && isDigit(text.charCodeAt(start - 2)))
  );
}

/** Returns the end of an SSN written `123-45-6789` or `123 45 6789` at `start`, or -1. */
function separatedEnd(text: string, start: number): number {
  const separator = text.charCodeAt(start + 3);
  if (separator !== 0x2d && separator !== 0x20) {
    return -1;
  }
  const shaped =
    digitsAt(text, start, 3) &&
    digitsAt(text, start + 4, 2) &&
    text.charCodeAt(start + 6) === separator &&
    digitsAt(text, start + 7, 4);
  return shaped ? start + 11 : -1;
}

/** Finds US Social Security numbers that could have been issued: `123-45-6789` anywhere, nine plain digits near a word such as SSN. */
export const usSsn: DigitCheck = {
  name: 'us_ssn',
  types: ['us_ssn'],
  // Both forms are nine digits with single separators, inside one cluster.
  minDigits: SSN_DIGITS,
  check(
    text: string,
    start: number,
    hint: string | undefined,
  ): Hit | undefined {
    if (!startsCleanly(text, start)) {
      return undefined;
    }
    const separated = separatedEnd(text, start);
    if (separated > 0) {
      const digits =
        text.slice(start, start + 3) +
        text.slice(start + 4, start + 6) +
        text.slice(start + 7, start + 11);
      return endsCleanly(text, separated) && isIssuableSsn(digits)
        ? { start, end: separated, type: 'us_ssn' }
        : undefined;
    }
    const plain =
      digitsAt(text, start, 9) &&
      endsCleanly(text, start + 9) &&
      isIssuableSsn(text.slice(start, start + 9)) &&
      hasContext(text, start, CONTEXT_WINDOW, CONTEXT, hint);
    return plain ? { start, end: start + 9, type: 'us_ssn' } : undefined;
  },
  cutType(digits: string, fragment: string): string | undefined {
    return /^\d{3}[- ]\d{2}/.test(fragment) && digits.length >= 5
      ? 'us_ssn'
      : undefined;
  },
};
