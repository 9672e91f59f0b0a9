import type { Hit } from './detector';
import { isAlphanumeric, isDigit } from './detector';
import { digitRunEnd } from './digit-groups';
import type { NationalPlan, Reading } from './national-plan';
import { abroadNumber, isNationalNumber, readingOf } from './national-plan';

// More digits than any number dialled inside a country has, so a long run
// of digits is given up early instead of being checked group by group.
const MAX_DIALLED_DIGITS = 19;

// Enough digits to tell every prefix of a call abroad in the metadata
// (the longest, in Australia, has eight).
const HEAD_DIGITS = 10;

function isGroupSeparator(code: number): boolean {
  return code === 0x20 || code === 0x2d || code === 0x2e || code === 0x2f;
}

/**
 * Returns the ends of the digit groups at `start`, as in `020 7946 0958`,
 * `(030) 1234-5678` or `06.12.34.56.78`, with the count of digits up to
 * each end.
 */
function groupEnds(text: string, start: number): Array<[number, number]> {
  const ends: Array<[number, number]> = [];
  let position = start;
  let digits = 0;
  for (;;) {
    const end = digitRunEnd(text, position);
    digits += end - position;
    if (digits > MAX_DIALLED_DIGITS) {
      return ends;
    }
    let next = end;
    if (text.charCodeAt(next) === 0x29) {
      next++;
    }
    ends.push([end, digits]);
    if (isGroupSeparator(text.charCodeAt(next))) {
      next++;
    }
    if (next === end || !isDigit(text.charCodeAt(next))) {
      return ends;
    }
    position = next;
  }
}

/**
 * Returns whether the groups up to `ends[last]` are written like a phone
 * number: the first group has more digits than the national prefix, and the
 * last group at least two digits. An ISBN such as `0-306-40615-2` has a
 * one-digit group at either end.
 */
function isPhoneGrouping(
  ends: ReadonlyArray<[number, number]>,
  last: number,
  prefix: string,
): boolean {
  const lastGroup = last === 0 ? ends[0][1] : ends[last][1] - ends[last - 1][1];
  return ends[0][1] > prefix.length && lastGroup >= 2;
}

/**
 * Returns the national-format phone number of one of `plans` that starts
 * at the digit at `start`, trying the longest run of groups first, or
 * undefined. A number may start with `(` around its area code.
 */
export function nationalNumber(
  text: string,
  start: number,
  plans: readonly NationalPlan[],
): Hit | undefined {
  const hitStart = text.charCodeAt(start - 1) === 0x28 ? start - 1 : start;
  if (isAlphanumeric(text.charCodeAt(hitStart - 1))) {
    return undefined;
  }

  // A first group of the prefix alone is no phone number's grouping.
  if (digitRunEnd(text, start) - start < 2) {
    return undefined;
  }

  // Most runs of digits can be read under no plan, which their first
  // digits tell before the groups are measured.
  const head = leadingDigits(text, start, HEAD_DIGITS);
  if (!plans.some((plan) => readingOf(head, plan) !== undefined)) {
    return undefined;
  }

  const ends = groupEnds(text, start);
  if (
    ends.length === 0 ||
    joinsIdentifier(text, hitStart) ||
    runsIntoTime(text, ends[ends.length - 1][0])
  ) {
    return undefined;
  }

  const run = digitsOf(text, start, ends[ends.length - 1][0]);
  const readings = plans.flatMap((plan) => readingOf(run, plan) ?? []);
  for (let i = ends.length - 1; i >= 0 && readings.length > 0; i--) {
    if (isDialledAt(run.slice(0, ends[i][1]), ends, i, readings)) {
      return { start: hitStart, end: ends[i][0], type: 'phone' };
    }
  }
  return undefined;
}

/**
 * Returns whether the digits at `start` are joined by `_`, `-` or `/` to a
 * word or number before them, as in `ord_0207946095`, `INV-0612345678` or
 * the date in `2024-01-02 03:04`, which make one identifier.
 */
function joinsIdentifier(text: string, start: number): boolean {
  const joint = text.charCodeAt(start - 1);
  return (
    (joint === 0x5f || joint === 0x2d || joint === 0x2f) &&
    isAlphanumeric(text.charCodeAt(start - 2))
  );
}

/**
 * Returns whether the groups ending at `end` go on with `:` and a digit, a
 * time of day as in `02.01.2024 03:04:05`.
 */
function runsIntoTime(text: string, end: number): boolean {
  return text.charCodeAt(end) === 0x3a && isDigit(text.charCodeAt(end + 1));
}

/** Returns up to `count` digits of the groups at `start`, without separators. */
function leadingDigits(text: string, start: number, count: number): string {
  let digits = '';
  let position = start;
  while (digits.length < count && position < text.length) {
    const code = text.charCodeAt(position);
    if (isDigit(code)) {
      digits += text[position];
    } else if (!isGroupSeparator(code) && code !== 0x29) {
      break;
    }
    position++;
  }
  return digits;
}

/**
 * Returns whether `digits`, the groups up to `ends[last]`, are a number
 * dialled inside the country of one of `readings`: a call abroad when a
 * calling code in use follows its prefix, else a national number. Readings
 * share few prefixes of calls abroad, so each is checked once.
 */
function isDialledAt(
  digits: string,
  ends: ReadonlyArray<[number, number]>,
  last: number,
  readings: readonly Reading[],
): boolean {
  const abroad = new Map<number, boolean | undefined>();
  for (const { plan, abroad: skip, national } of readings) {
    if (
      digits.length < plan.minDigits ||
      !isPhoneGrouping(ends, last, plan.prefix)
    ) {
      continue;
    }
    if (skip > 0 && digits.length > skip) {
      if (!abroad.has(skip)) {
        abroad.set(skip, abroadNumber(digits.slice(skip)));
      }
      const possible = abroad.get(skip);
      if (possible !== undefined) {
        if (possible) {
          return true;
        }
        continue;
      }
    }
    if (national && isNationalNumber(digits, plan)) {
      return true;
    }
  }
  return false;
}

function digitsOf(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/[^0-9]/g, '');
}
