import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Redactor } from '../src';
import { collectFindings } from './findings-collector';

interface LabelledValue {
  type: string;
  value: string;
  sensitive: boolean;
}

// Compiled tests run from dist/test, two levels below the package root.
const FIXTURE = join(__dirname, '..', '..', 'test', 'fixtures', 'values.jsonl');

const values: LabelledValue[] = readFileSync(FIXTURE, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as LabelledValue);

// IP addresses are classified but kept by default; the labels mark them
// sensitive, so this redactor masks them.
const redactor = new Redactor({ actions: { ipv4: 'mask', ipv6: 'mask' } });

// Values that are only recognised next to a word that names them, as an
// API or a log line would write them.
const CONTEXT: Readonly<Record<string, string>> = {
  us_ssn: 'SSN',
  aws_secret_access_key: 'aws_secret_access_key',
};

function placed(entry: LabelledValue): string {
  const label = CONTEXT[entry.type];
  return label === undefined ? entry.value : `${label} ${entry.value}`;
}

function masked(entry: LabelledValue): string {
  const label = CONTEXT[entry.type];
  const mask = `[REDACTED:${entry.type}]`;
  return label === undefined ? mask : `${label} ${mask}`;
}

describe('labelled fixture values', () => {
  it('covers every detector type', () => {
    const types = new Set(values.filter((v) => v.sensitive).map((v) => v.type));
    for (const type of [
      'credit_card',
      'us_ssn',
      'iban',
      'email',
      'phone',
      'jwt',
      'bearer_token',
      'basic_auth',
      'aws_access_key_id',
      'aws_secret_access_key',
      'private_key',
      'ipv4',
    ]) {
      assert.ok(types.has(type), type);
    }
  });

  for (const entry of values) {
    const label = `${entry.type} ${entry.value.slice(0, 24)}`;
    if (entry.sensitive) {
      it(`masks ${label}`, () => {
        const { sink, findings } = collectFindings();
        assert.equal(redactor.text(placed(entry), sink), masked(entry));
        assert.deepEqual(findings, [{ type: entry.type, path: 'body' }]);
      });
      it(`masks ${label} in JSON`, () => {
        const output = redactor.json(JSON.stringify({ value: placed(entry) }));
        assert.equal(output, JSON.stringify({ value: masked(entry) }));
      });
      it(`masks ${label} in a query`, () => {
        const query = `/p?value=${encodeURIComponent(placed(entry))}`;
        assert.equal(redactor.url(query), `/p?value=[REDACTED:${entry.type}]`);
      });
      it(`masks ${label} in a header`, () => {
        assert.equal(redactor.header('x-note', placed(entry)), masked(entry));
      });
    } else {
      it(`keeps ${label}`, () => {
        const { sink, findings } = collectFindings();
        assert.equal(redactor.text(placed(entry), sink), placed(entry));
        assert.deepEqual(findings, []);
      });
      it(`keeps ${label} in JSON`, () => {
        const json = JSON.stringify({ value: placed(entry) });
        assert.equal(redactor.json(json), json);
      });
      it(`keeps ${label} in a query`, () => {
        const query = `/p?value=${encodeURIComponent(placed(entry))}`;
        assert.equal(redactor.url(query), query);
      });
    }
  }
});
