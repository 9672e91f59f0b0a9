import {
  getCountries,
  getCountryCallingCode,
  Metadata,
} from 'libphonenumber-js/min';
import type { CountryCode } from 'libphonenumber-js/min';
import { possibleInternationalNumber } from './phone-plan';

/** One number type of a country (fixed line, mobile, toll free...). */
interface NumberType {
  readonly pattern: RegExp;
  /** Lengths of this type, or undefined when the country's lengths apply. */
  readonly lengths: ReadonlySet<number> | undefined;
}

/** The national numbering plan of one country, compiled for fast checks. */
export interface NationalPlan {
  readonly country: CountryCode;
  /** Digits dialled before a national number inside the country, often '0'. */
  readonly prefix: string;
  /** Shortest number of digits, prefix included. */
  readonly minDigits: number;
  readonly lengths: ReadonlySet<number>;
  /** Pattern of a valid national number, anchored. */
  readonly pattern: RegExp;
  /** Patterns of the number types, when the metadata has them. */
  readonly types: readonly NumberType[] | undefined;
  /** Start of a call abroad from the country, such as `00` or `010`. */
  readonly abroad: RegExp | undefined;
  /** Start that a national number must have, for a country that shares its calling code with a larger one (the Isle of Man with GB). */
  readonly leading: RegExp | undefined;
}

// The type names that libphonenumber-js tries when it validates a number.
const TYPE_NAMES = [
  'FIXED_LINE',
  'MOBILE',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'PERSONAL_NUMBER',
  'VOICEMAIL',
  'UAN',
  'PAGER',
  'VOIP',
  'SHARED_COST',
];

// NOTE: these numbering plan methods exist at run time in libphonenumber-js
// 1.13, but most are missing from its typings.
interface TypeMetadata {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}

interface PlanMetadata {
  IDDPrefix(): string | undefined;
  leadingDigits(): string | undefined;
  nationalPrefix(): string | undefined;
  nationalNumberPattern(): string | undefined;
  possibleLengths(): number[] | undefined;
  hasTypes(): boolean;
  type(name: string): TypeMetadata | undefined;
}

/**
 * Anchors a metadata pattern. These patterns are alternatives of digit
 * classes with bounded counts, and the input is at most 19 digits long, so
 * their running time is bounded.
 */
function anchored(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

function numberTypes(plan: PlanMetadata): NumberType[] | undefined {
  if (!plan.hasTypes()) {
    return undefined;
  }
  return TYPE_NAMES.flatMap((name) => {
    const type = plan.type(name);
    if (type === undefined) {
      return [];
    }
    const lengths = type.possibleLengths();
    return [
      {
        pattern: anchored(type.pattern()),
        lengths: lengths === undefined ? undefined : new Set(lengths),
      },
    ];
  });
}

function compilePlan(country: CountryCode): NationalPlan | undefined {
  const metadata = new Metadata();
  metadata.selectNumberingPlan(country);
  const plan = metadata.numberingPlan as unknown as PlanMetadata | undefined;
  const prefix = plan?.nationalPrefix();
  const pattern = plan?.nationalNumberPattern();
  const lengths = plan?.possibleLengths() ?? [];
  if (!plan || !prefix || !pattern || lengths.length === 0) {
    return undefined;
  }
  const idd = plan.IDDPrefix();
  const leading = plan.leadingDigits();
  return {
    country,
    prefix,
    minDigits: prefix.length + Math.min(...lengths),
    lengths: new Set(lengths),
    pattern: anchored(pattern),
    types: numberTypes(plan),
    abroad: idd ? new RegExp(`^(?:${idd})`) : undefined,
    leading: leading ? new RegExp(`^(?:${leading})`) : undefined,
  };
}

/**
 * Returns the plans of `country` and of the countries that share its
 * calling code, such as Jersey and Guernsey with GB, because
 * libphonenumber-js accepts their numbers for it too. Returns undefined
 * when the country is unknown or dials no national prefix. Without a
 * prefix, a national number is only a run of digits, like an order id.
 */
export function nationalPlans(country: string): NationalPlan[] | undefined {
  const code = country.toUpperCase() as CountryCode;
  const countries = getCountries();
  if (!countries.includes(code)) {
    return undefined;
  }
  const own = compilePlan(code);
  if (own === undefined) {
    return undefined;
  }
  const callingCode = getCountryCallingCode(code);
  const sharing = countries.filter(
    (other) => other !== code && getCountryCallingCode(other) === callingCode,
  );
  return [own, ...sharing.flatMap((other) => compilePlan(other) ?? [])].filter(
    (plan) => plan.prefix === own.prefix,
  );
}

function matchesType(national: string, plan: NationalPlan): boolean {
  return (
    plan.types === undefined ||
    plan.types.some(
      (type) =>
        (type.lengths?.has(national.length) ?? true) &&
        type.pattern.test(national),
    )
  );
}

/** The ways a run of digits may be read as dialled inside one country. */
export interface Reading {
  readonly plan: NationalPlan;
  /** Length of the prefix of a call abroad, or 0 when it is no such call. */
  readonly abroad: number;
  /** Whether the digits may be a national number after the prefix. */
  readonly national: boolean;
}

/**
 * Returns how `run`, the digits of a whole run of groups, may be read under
 * `plan`, or undefined when in no way. A calling code never starts with 0.
 * A national number is not read when 0 follows the prefix: in most
 * countries `00` dials abroad, and zero-padded ids start so.
 */
export function readingOf(
  run: string,
  plan: NationalPlan,
): Reading | undefined {
  if (!run.startsWith(plan.prefix)) {
    return undefined;
  }
  const match = plan.abroad?.exec(run);
  const abroad =
    match && run.charCodeAt(match[0].length) !== 0x30 ? match[0].length : 0;
  const next = run.charCodeAt(plan.prefix.length);
  const national = next > 0x30 && next <= 0x39;
  return abroad > 0 || national ? { plan, abroad, national } : undefined;
}

/**
 * Returns whether `digits`, a call abroad without its prefix, has a calling
 * code in use and a possible length, as `+` numbers are checked. Returns
 * undefined when no calling code in use starts it, because
 * libphonenumber-js then reads the digits as a national number.
 */
export function abroadNumber(digits: string): boolean | undefined {
  return possibleInternationalNumber(digits);
}

/**
 * Returns whether `digits`, prefix included, is a valid national number of
 * `plan`: the check that libphonenumber-js makes with its minimal metadata,
 * in a fraction of its parser's time.
 */
export function isNationalNumber(digits: string, plan: NationalPlan): boolean {
  const national = digits.slice(plan.prefix.length);
  return (
    plan.lengths.has(national.length) &&
    (plan.leading?.test(national) ?? true) &&
    plan.pattern.test(national) &&
    matchesType(national, plan)
  );
}
