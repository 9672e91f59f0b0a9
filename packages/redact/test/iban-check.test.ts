import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type * as IbanTools from 'ibantools' with {
  'resolution-mode': 'import',
};
import { ibanNumber, seededRandom } from '../bench/samples';
import type { Random } from '../bench/samples';
import type { Hit } from '../src/detectors/detector';
import { iban } from '../src/detectors/iban';

// ibantools declares its types as ESM only, as in src/detectors/iban.ts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ibantools = require('ibantools') as typeof IbanTools;

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Returns whether the detector takes `candidate` whole as an IBAN. */
function detects(candidate: string): boolean {
  const hits: Hit[] = [];
  iban.scan(candidate, hits, undefined);
  return (
    hits.length === 1 && hits[0].start === 0 && hits[0].end === candidate.length
  );
}

function fixtureIbans(): string[] {
  return readFileSync(join(FIXTURES, 'values.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { type: string; value: string })
    .filter((entry) => entry.type === 'iban')
    .map((entry) => entry.value.replace(/ /g, ''));
}

/** Returns `electronic` with each pair of check digits from 00 to 99. */
function checkDigitVariants(electronic: string): string[] {
  const variants: string[] = [];
  for (let digits = 0; digits < 100; digits++) {
    const check = String(digits).padStart(2, '0');
    variants.push(electronic.slice(0, 2) + check + electronic.slice(4));
  }
  return variants;
}

/** Returns an IBAN of a registry country with a random BBAN of its length, most of which break the country's format. */
function randomBbanIban(random: Random, country: string): string {
  const length = ibantools.countrySpecs[country].chars as number;
  let bban = '';
  for (let i = 0; i < length - 4; i++) {
    bban += ALPHANUMERIC[Math.floor(random() * ALPHANUMERIC.length)];
  }
  // composeIBAN rejects a BBAN that breaks the format, so the check
  // digits are computed here: 98 minus the remainder with "00".
  let remainder = 0;
  for (const char of `${bban}${country}00`) {
    const code = char.charCodeAt(0);
    const value = code >= 0x41 ? code - 55 : code - 48;
    remainder = (value > 9 ? remainder * 100 : remainder * 10) + value;
    remainder %= 97;
  }
  return `${country}${String(98 - remainder).padStart(2, '0')}${bban}`;
}

function registryCountries(): string[] {
  return Object.keys(ibantools.countrySpecs).filter((country) => {
    const spec = ibantools.countrySpecs[country];
    // The detector's pattern takes IBANs of 15 to 34 characters.
    const length = spec.chars ?? 0;
    return length >= 15 && length <= 34;
  });
}

describe('iban check', () => {
  it('agrees with ibantools on fixture IBANs', () => {
    const ibans = fixtureIbans();
    assert.ok(ibans.length > 0, 'no IBAN in the fixtures');
    for (const electronic of ibans) {
      for (const candidate of checkDigitVariants(electronic)) {
        assert.equal(
          detects(candidate),
          ibantools.isValidIBAN(candidate),
          candidate,
        );
      }
    }
  });

  it('agrees with ibantools on generated IBANs', () => {
    const random = seededRandom(97);
    let valid = 0;
    for (let i = 0; i < 300; i++) {
      const electronic = ibanNumber(random).replace(/ /g, '');
      for (const candidate of checkDigitVariants(electronic)) {
        const expected = ibantools.isValidIBAN(candidate);
        assert.equal(detects(candidate), expected, candidate);
        valid += expected ? 1 : 0;
      }
    }
    assert.ok(valid >= 300, `only ${valid} valid IBANs were generated`);
  });

  it('agrees with ibantools on random BBANs', () => {
    const random = seededRandom(1397);
    const countries = registryCountries();
    assert.ok(countries.length > 50, 'ibantools lists too few countries');
    for (let i = 0; i < 20; i++) {
      for (const country of countries) {
        const candidate = randomBbanIban(random, country);
        assert.equal(
          detects(candidate),
          ibantools.isValidIBAN(candidate),
          candidate,
        );
      }
    }
  });
});
