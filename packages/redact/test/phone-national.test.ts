import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  getCountries,
  isValidPhoneNumber,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/min';
import type { CountryCode } from 'libphonenumber-js/min';
import { Redactor } from '../src';
import { nationalPlans } from '../src/detectors/national-plan';
import { collectFindings } from './findings-collector';

const REGIONS = ['GB', 'FR', 'DE', 'JP', 'AU', 'IN'];
const redactor = new Redactor({ phoneRegions: REGIONS });

// Numbers from the ranges each country sets aside for drama and
// documentation where it has one, otherwise valid-looking made-up ones.
const NATIONAL: ReadonlyArray<readonly [string, string]> = [
  ['GB', '020 7946 0958'],
  ['GB', '07700 900123'],
  ['FR', '01 23 45 67 89'],
  ['FR', '06.12.34.56.78'],
  ['DE', '030 12345678'],
  ['DE', '(030) 1234-5678'],
  ['DE', '0151 23456789'],
  ['JP', '03-1234-5678'],
  ['AU', '02 9876 5432'],
  ['AU', '0412 345 678'],
  ['IN', '098765 43210'],
  ['GB', '00 33 1 23 45 67 89'],
  ['JP', '010 44 20 7946 0958'],
];

const BENIGN = [
  'isbn 0-306-40615-2',
  '2024-01-02T10:20:30Z',
  'release v1.20.3',
  'id 550e8400-e29b-41d4-a716-446655440000',
  'at 1700000000123',
  'ord_0a1b2c3d4e5f6071',
  'id 0000012345',
  'price 0.99 qty 12',
  'at 2024-01-02 03:04:05',
  'at 2024-06-07 08:09',
  'am 02.01.2024 03:04:05',
  'on 01/02/2024 03:04:05 PM',
  'ord_0207946095',
  'invoice INV-0612345678',
  'sku/0207946095',
];

describe('national phone formats', () => {
  for (const [region, number] of NATIONAL) {
    it(`masks ${region} ${number}`, () => {
      assert.equal(
        redactor.text(`call ${number} today`),
        'call [REDACTED:phone] today',
      );
    });
  }

  it('masks a number before a colon', () => {
    assert.equal(
      redactor.text('call 020 7946 0958: office'),
      'call [REDACTED:phone]: office',
    );
    assert.equal(redactor.text('fax:06 12 34 56 78'), 'fax:[REDACTED:phone]');
  });

  it('is off without phoneRegions', () => {
    const plain = new Redactor();
    for (const [, number] of NATIONAL) {
      assert.equal(plain.text(`call ${number}`), `call ${number}`);
    }
  });

  it('reads only the configured countries', () => {
    const british = new Redactor({ phoneRegions: ['gb'] });
    assert.equal(british.text('020 7946 0958'), '[REDACTED:phone]');
    assert.equal(british.text('03-1234-5678'), '03-1234-5678');
  });

  it('keeps benign look-alikes', () => {
    for (const text of BENIGN) {
      assert.equal(redactor.text(text), text);
    }
  });

  it('finds numbers in JSON with their paths', () => {
    const { sink, findings } = collectFindings();
    const output = redactor.json(
      JSON.stringify({ contact: { tel: '020 7946 0958', note: 'ok' } }),
      sink,
    );
    assert.equal(
      output,
      JSON.stringify({ contact: { tel: '[REDACTED:phone]', note: 'ok' } }),
    );
    assert.deepEqual(findings, [{ type: 'phone', path: 'body.contact.tel' }]);
  });

  it('masks a number cut by the size limit', () => {
    const body = '{"tel":"020 7946 09';
    const output = redactor.body(body, 'application/json', undefined, true);
    assert.ok(!output.includes('7946'), output);
  });

  it('reports an unknown country', () => {
    const odd = new Redactor({ phoneRegions: ['GB', 'XX', 'EU'] });
    assert.equal(odd.problems.length, 2);
    assert.match(odd.problems[0] ?? '', /phoneRegions contains "XX"/);
    assert.equal(odd.text('020 7946 0958'), '[REDACTED:phone]');
  });

  it('reports a list that is not an array', () => {
    const odd = new Redactor({ phoneRegions: 'GB' as unknown as string[] });
    assert.equal(odd.problems.length, 1);
    assert.match(odd.problems[0] ?? '', /phoneRegions must be an array/);
  });

  it('agrees with libphonenumber-js on national numbers', () => {
    const single = REGIONS.map(
      (region) => [region, new Redactor({ phoneRegions: [region] })] as const,
    );
    let compared = 0;
    fc.assert(
      fc.property(fc.stringMatching(/^0[1-9][0-9]{6,11}$/), (digits) => {
        for (const [region, one] of single) {
          const country = region as CountryCode;
          const parsed = parsePhoneNumberFromString(digits, country);
          // The library also reads calls abroad and country-specific
          // prefixes (carrier codes in Japan), which the detector does not
          // replicate. So only a plain national reading is compared.
          const plain =
            parsed?.country === country &&
            parsed.nationalNumber === digits.slice(1);
          if (!plain) {
            continue;
          }
          compared++;
          const masked = one.text(`tel ${digits} .`) !== `tel ${digits} .`;
          const valid = isValidPhoneNumber(digits, country);
          assert.equal(masked, valid, `${region} ${digits}`);
        }
      }),
      { numRuns: 2000 },
    );
    assert.ok(compared > 2000 * REGIONS.length * 0.5, `${compared} compared`);
  });

  it('runs every country pattern quickly on long runs', () => {
    // The detector reads at most 19 digits, so even a pattern that
    // backtracks is bounded. This test catches one that would take
    // seconds on that length.
    const runs = ['0'.repeat(19), '1'.repeat(19), '0123456789012345678'];
    let slowest = 0;
    let plans = 0;
    for (const country of getCountries()) {
      for (const plan of nationalPlans(country) ?? []) {
        plans++;
        const patterns = [
          plan.pattern,
          plan.abroad,
          plan.leading,
          ...(plan.types ?? []).map((type) => type.pattern),
        ];
        for (const pattern of patterns) {
          for (const run of runs) {
            const started = performance.now();
            pattern?.test(run);
            slowest = Math.max(slowest, performance.now() - started);
          }
        }
      }
    }
    assert.ok(plans > 100, `${plans} plans`);
    assert.ok(slowest < 50, `slowest pattern took ${slowest} ms`);
  });
});
