/** A range of card number prefixes of one brand and the lengths it issues. */
interface BrandRange {
  readonly brand: string;
  /** Lowest and highest prefix, as digit strings of the same length. */
  readonly low: string;
  readonly high: string;
  readonly minLength: number;
  readonly maxLength: number;
}

function range(
  brand: string,
  low: string,
  high: string,
  minLength: number,
  maxLength = minLength,
): BrandRange {
  return { brand, low, high, minLength, maxLength };
}

// Issuer identification number ranges of the card brands in public
// circulation, from the brands' published acceptance guides. Longer, more
// specific prefixes come before the short ranges they fall into.
const RANGES: readonly BrandRange[] = [
  range('amex', '34', '34', 15),
  range('amex', '37', '37', 15),
  range('diners', '300', '305', 14, 19),
  range('diners', '3095', '3095', 14, 19),
  range('diners', '36', '36', 14, 19),
  range('diners', '38', '39', 14, 19),
  range('jcb', '3528', '3589', 16, 19),
  range('visa', '4', '4', 13, 19),
  range('mir', '2200', '2204', 16, 19),
  range('mastercard', '2221', '2720', 16),
  range('mastercard', '51', '55', 16),
  range('maestro', '50', '50', 13, 19),
  range('maestro', '56', '58', 13, 19),
  range('discover', '6011', '6011', 16, 19),
  range('discover', '644', '649', 16, 19),
  range('discover', '65', '65', 16, 19),
  range('unionpay', '62', '62', 16, 19),
  range('rupay', '60', '60', 16),
  range('maestro', '6', '6', 13, 19),
];

/** Returns the brand whose prefix and length match a card number, or undefined. */
export function cardBrand(digits: string): string | undefined {
  for (const entry of RANGES) {
    const prefix = digits.slice(0, entry.low.length);
    if (
      prefix >= entry.low &&
      prefix <= entry.high &&
      digits.length >= entry.minLength &&
      digits.length <= entry.maxLength
    ) {
      return entry.brand;
    }
  }
  return undefined;
}
