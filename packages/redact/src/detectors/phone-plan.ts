import {
  getCountries,
  getCountryCallingCode,
  Metadata,
} from 'libphonenumber-js/min';

let lengthsByCallingCode: ReadonlyMap<string, ReadonlySet<number>> | undefined;

// Parsing one number with libphonenumber-js takes tens of microseconds,
// too slow for every candidate in a body, so its metadata is reduced once
// to the national number lengths of each country calling code.
function buildTable(): ReadonlyMap<string, ReadonlySet<number>> {
  const plans = new Metadata();
  const table = new Map<string, Set<number>>();
  for (const country of getCountries()) {
    plans.selectNumberingPlan(country);
    const code = getCountryCallingCode(country);
    const lengths = table.get(code) ?? new Set<number>();
    for (const length of plans.numberingPlan?.possibleLengths() ?? []) {
      lengths.add(length);
    }
    table.set(code, lengths);
  }
  return table;
}

/**
 * Returns whether digits, a country calling code followed by a national
 * number, have a calling code in use and a national number length that
 * its numbering plan allows. Calling codes are a prefix code, so at most
 * one split matches.
 */
export function isPossibleInternationalNumber(digits: string): boolean {
  return possibleInternationalNumber(digits) === true;
}

/**
 * Returns whether digits that start with a calling code in use have a
 * national number length that its numbering plan allows, or undefined
 * when they start with no calling code in use.
 */
export function possibleInternationalNumber(
  digits: string,
): boolean | undefined {
  lengthsByCallingCode ??= buildTable();
  for (let length = 1; length <= 3 && length < digits.length; length++) {
    const lengths = lengthsByCallingCode.get(digits.slice(0, length));
    if (lengths !== undefined) {
      return lengths.has(digits.length - length);
    }
  }
  return undefined;
}
