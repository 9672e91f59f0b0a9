import {
  getCountries,
  isValidPhoneNumber,
  Metadata,
} from 'libphonenumber-js/min';
import type { CountryCode } from 'libphonenumber-js/min';
import type { Hit } from './detector';
import { isAlphanumeric, isDigit } from './detector';
import { digitRunEnd } from './digit-groups';

/** A country whose phone numbers are detected in national format. */
export interface NationalPlan {
  readonly country: CountryCode;
  /** Digits dialled before a national number inside the country, often '0'. */
  readonly prefix: string;
  /** Shortest and longest number of digits, prefix included. */
  readonly minDigits: number;
  readonly maxDigits: number;
}

// More digits than any national number has, so a long run of digits is
// given up early instead of being validated group by group.
const MAX_NATIONAL_DIGITS = 17;

function isGroupSeparator(code: number): boolean {
  return code === 0x20 || code === 0x2d || code === 0x2e || code === 0x2f;
}

/**
 * Returns the plan of `country`, or undefined when the country is unknown
 * or dials no national prefix: without one, a national number is only
 * a run of digits, and an order id would look the same.
 */
export function nationalPlan(country: string): NationalPlan | undefined {
  const code = country.toUpperCase();
  if (!(getCountries() as string[]).includes(code)) {
    return undefined;
  }
  const metadata = new Metadata();
  metadata.selectNumberingPlan(code as CountryCode);
  // NOTE: `nationalPrefix()` exists on libphonenumber-js's numbering plan
  // at run time (1.13) but is missing from its type declarations.
  const plan = metadata.numberingPlan as
    | (NonNullable<Metadata['numberingPlan']> & {
        nationalPrefix(): string | undefined;
      })
    | undefined;
  const prefix = plan?.nationalPrefix();
  const lengths = plan?.possibleLengths() ?? [];
  if (prefix === undefined || prefix === '' || lengths.length === 0) {
    return undefined;
  }
  return {
    country: code as CountryCode,
    prefix,
    minDigits: prefix.length + Math.min(...lengths),
    maxDigits: prefix.length + Math.max(...lengths),
  };
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
    if (digits > MAX_NATIONAL_DIGITS) {
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
  const ends = groupEnds(text, start);
  for (let i = ends.length - 1; i >= 0; i--) {
    const [end, digits] = ends[i];
    const candidate = text.slice(hitStart, end);
    for (const plan of plans) {
      if (
        digits >= plan.minDigits &&
        digits <= plan.maxDigits &&
        text.startsWith(plan.prefix, start) &&
        // A national number never starts with 0 after the prefix: `00`
        // dials abroad or picks a carrier, and zero-padded ids start so.
        text.charCodeAt(start + plan.prefix.length) !== 0x30 &&
        isPhoneGrouping(ends, i, plan.prefix) &&
        isValidPhoneNumber(candidate, plan.country)
      ) {
        return { start: hitStart, end, type: 'phone' };
      }
    }
  }
  return undefined;
}
