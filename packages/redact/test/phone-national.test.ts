import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';
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
];

const BENIGN = [
  'isbn 0-306-40615-2',
  '2024-01-02T10:20:30Z',
  'release v1.20.3',
  'id 550e8400-e29b-41d4-a716-446655440000',
  'at 1700000000123',
  'ord_0a1b2c3d4e5f6071',
  'id 00012345678',
  'price 0.99 qty 12',
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
});
