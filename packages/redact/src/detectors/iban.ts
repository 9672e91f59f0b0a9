import type * as IbanTools from 'ibantools' with {
  'resolution-mode': 'import',
};
import type { Detector, Hit } from './detector';
import { scanPattern } from './detector';

// A country code, two check digits and up to 30 letters or digits, written
// without spaces or in groups of four (the printed form). The longest IBAN
// has 34 characters.
const PATTERN =
  /(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)(?![A-Za-z0-9])/g;

// ibantools ships a CommonJS build but declares its types as ESM only, so
// TypeScript rejects a plain import from this CommonJS package.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isValidBBAN } = require('ibantools') as typeof IbanTools;

// ibantools' own IBAN check computes mod 97 again on a string of decimal
// codes, which takes longer than the rest of the check. It requires the
// check digits to equal 98 minus the remainder of the number with "00" in
// their place. A remainder of 1 with check digits from 02 to 98 accepts
// the same IBANs.
const MIN_CHECK_DIGITS = 2;
const MAX_CHECK_DIGITS = 98;

/** Returns whether an IBAN's check digits are right (ISO 7064 mod 97-10), computed without big numbers. */
function passesMod97(electronic: string): boolean {
  const rearranged = electronic.slice(4) + electronic.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    const value = code >= 0x41 ? code - 55 : code - 48;
    remainder =
      (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

function confirm(_text: string, match: RegExpExecArray): number {
  const electronic = match[0].replace(/ /g, '');
  // Identifiers that look like IBANs almost never pass mod 97, which is
  // much cheaper than the library's full check.
  if (!passesMod97(electronic)) {
    return -1;
  }
  const checkDigits = Number(electronic.slice(2, 4));
  if (checkDigits < MIN_CHECK_DIGITS || checkDigits > MAX_CHECK_DIGITS) {
    return -1;
  }
  // ibantools checks the country's length and BBAN format (ISO 13616) and,
  // for some countries such as Belgium, Spain and France, the national
  // check digits.
  if (!isValidBBAN(electronic.slice(4), electronic.slice(0, 2))) {
    return -1;
  }
  return match.index + match[0].length;
}

/** Finds IBANs whose country format and mod-97 check digits are valid. */
export const iban: Detector = {
  name: 'iban',
  types: ['iban'],
  scan(text: string, hits: Hit[]): void {
    scanPattern(text, PATTERN, 'iban', hits, confirm);
  },
  cutType(fragment: string): string | undefined {
    return /^[A-Z]{2}[0-9]{2}[A-Z0-9 ]{4}/.test(fragment) ? 'iban' : undefined;
  },
};
