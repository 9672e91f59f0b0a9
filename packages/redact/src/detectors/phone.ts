import type { Hit } from './detector';
import { isAlphanumeric, isDigit } from './detector';
import type { DigitCheck } from './digit-groups';
import { digitRunEnd } from './digit-groups';
import type { NationalPlan } from './national-plan';
import { nationalNumber } from './phone-national';
import { isPossibleInternationalNumber } from './phone-plan';

const MAX_E164_DIGITS = 15;
const MIN_E164_DIGITS = 8;

function isPhoneSeparator(code: number): boolean {
  return code === 0x20 || code === 0x2d || code === 0x2e;
}

/** Returns the ends of the digit groups of an international number, which may be written `+44 (0)20 7946-0958`. */
function groupEnds(text: string, start: number): number[] {
  const ends: number[] = [];
  let position = start;
  let digits = 0;
  for (;;) {
    const end = digitRunEnd(text, position);
    digits += end - position;
    if (digits > MAX_E164_DIGITS) {
      return [];
    }
    let next = end;
    if (text.charCodeAt(next) === 0x29) {
      next++;
    }
    ends.push(next === end ? end : next);
    if (isPhoneSeparator(text.charCodeAt(next))) {
      next++;
    }
    if (text.charCodeAt(next) === 0x28) {
      next++;
    }
    if (next === end || !isDigit(text.charCodeAt(next))) {
      return ends;
    }
    position = next;
  }
}

function digitsBetween(text: string, start: number, end: number): string {
  let digits = '';
  let runStart = -1;
  for (let i = start; i < end; i++) {
    if (isDigit(text.charCodeAt(i))) {
      if (runStart < 0) {
        runStart = i;
      }
    } else if (runStart >= 0) {
      digits += text.slice(runStart, i);
      runStart = -1;
    }
  }
  return runStart < 0 ? digits : digits + text.slice(runStart, end);
}

function isInternational(digits: string): boolean {
  if (digits.length < MIN_E164_DIGITS) {
    return false;
  }
  if (isPossibleInternationalNumber(digits)) {
    return true;
  }
  // `+44 (0)20 ...` writes the national trunk prefix, which the
  // international number leaves out.
  const trunk = /^(\d{1,3})0(\d+)$/.exec(digits);
  return trunk !== null && isPossibleInternationalNumber(trunk[1] + trunk[2]);
}

function international(text: string, start: number): Hit | undefined {
  const plus = start - 1;
  if (isAlphanumeric(text.charCodeAt(plus - 1))) {
    return undefined;
  }
  const ends = groupEnds(text, start);
  // A number may run into the next one ("+1 415 555 0123 12"), so shorter
  // prefixes that end at a group boundary are tried.
  for (let count = ends.length; count >= 1; count--) {
    const end = ends[count - 1];
    if (isInternational(digitsBetween(text, start, end))) {
      return { start: plus, end, type: 'phone' };
    }
  }
  return undefined;
}

/** Returns whether three digits at `start` can be a NANP area code or exchange: 2-9 first, not N11. */
function isNanpPart(text: string, start: number): boolean {
  const first = text.charCodeAt(start);
  if (first < 0x32 || first > 0x39) {
    return false;
  }
  return !(
    text.charCodeAt(start + 1) === 0x31 && text.charCodeAt(start + 2) === 0x31
  );
}

function isNanpNumber(text: string, area: number, exchange: number): boolean {
  return (
    digitRunEnd(text, area) === area + 3 &&
    digitRunEnd(text, exchange) === exchange + 3 &&
    isNanpPart(text, area) &&
    isNanpPart(text, exchange)
  );
}

/** Reads `(415) 555-0123`, `415-555-0123` or `415.555.0123` at `start`. */
function northAmerican(text: string, start: number): Hit | undefined {
  const parenthesized = text.charCodeAt(start - 1) === 0x28;
  let exchange: number;
  let hitStart = start;
  if (parenthesized) {
    if (text.charCodeAt(start + 3) !== 0x29) {
      return undefined;
    }
    exchange = start + 4;
    const gap = text.charCodeAt(exchange);
    if (gap === 0x20 || gap === 0x2d) {
      exchange++;
    }
    hitStart = start - 1;
  } else {
    const separator = text.charCodeAt(start + 3);
    if (separator !== 0x2d && separator !== 0x2e) {
      return undefined;
    }
    exchange = start + 4;
    if (text.charCodeAt(exchange + 3) !== separator) {
      return undefined;
    }
  }
  const lineSeparator = text.charCodeAt(exchange + 3);
  const line = exchange + 4;
  const shaped =
    (lineSeparator === 0x2d ||
      lineSeparator === 0x2e ||
      lineSeparator === 0x20) &&
    isNanpNumber(text, start, exchange) &&
    digitRunEnd(text, line) === line + 4 &&
    !isAlphanumeric(text.charCodeAt(line + 4)) &&
    !isAlphanumeric(text.charCodeAt(hitStart - 1));
  return shaped ? { start: hitStart, end: line + 4, type: 'phone' } : undefined;
}

function nationalCutType(
  digits: string,
  fragment: string,
  plans: readonly NationalPlan[],
): string | undefined {
  if (digits.length < 5 || !/^\(?[0-9][0-9 ()./-]*$/.test(fragment)) {
    return undefined;
  }
  return plans.some((plan) => digits.startsWith(plan.prefix))
    ? 'phone'
    : undefined;
}

/**
 * Returns the phone check: international `+` numbers with a calling code
 * in use and a possible length, North American numbers in national
 * format, and the national format of each country in `plans`.
 */
export function phoneCheck(plans: readonly NationalPlan[] = []): DigitCheck {
  return {
    name: 'phone',
    types: ['phone'],
    check(text: string, start: number): Hit | undefined {
      if (text.charCodeAt(start - 1) === 0x2b) {
        return international(text, start);
      }
      const hit = northAmerican(text, start);
      return hit !== undefined || plans.length === 0
        ? hit
        : nationalNumber(text, start, plans);
    },
    cutType(digits: string, fragment: string): string | undefined {
      const shaped = /^(?:\+|\(\d{3}\))[0-9 ().-]*$/.test(fragment);
      if (shaped && digits.length >= 5) {
        return 'phone';
      }
      return plans.length === 0
        ? undefined
        : nationalCutType(digits, fragment, plans);
    },
  };
}

/** The phone check without national formats outside North America. */
export const phone: DigitCheck = phoneCheck();
