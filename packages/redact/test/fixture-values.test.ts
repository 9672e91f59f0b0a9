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

const redactor = new Redactor();

describe('labelled fixture values', () => {
  it('covers every detector type', () => {
    const types = new Set(values.filter((v) => v.sensitive).map((v) => v.type));
    for (const type of [
      'credit_card',
      'jwt',
      'bearer_token',
      'basic_auth',
      'email',
    ]) {
      assert.ok(types.has(type), type);
    }
  });

  for (const entry of values) {
    const label = `${entry.type} ${entry.value.slice(0, 24)}`;
    if (entry.sensitive) {
      it(`masks ${label}`, () => {
        const { sink, findings } = collectFindings();
        assert.equal(
          redactor.text(entry.value, sink),
          `[REDACTED:${entry.type}]`,
        );
        assert.deepEqual(findings, [{ type: entry.type, path: 'body' }]);
      });
      it(`masks ${label} in JSON`, () => {
        const output = redactor.json(JSON.stringify({ value: entry.value }));
        assert.equal(
          output,
          JSON.stringify({ value: `[REDACTED:${entry.type}]` }),
        );
      });
      it(`masks ${label} in a query`, () => {
        const query = `/p?value=${encodeURIComponent(entry.value)}`;
        assert.equal(redactor.url(query), `/p?value=[REDACTED:${entry.type}]`);
      });
      it(`masks ${label} in a header`, () => {
        assert.equal(
          redactor.header('x-note', entry.value),
          `[REDACTED:${entry.type}]`,
        );
      });
    } else {
      it(`keeps ${label}`, () => {
        const { sink, findings } = collectFindings();
        assert.equal(redactor.text(entry.value, sink), entry.value);
        assert.deepEqual(findings, []);
      });
      it(`keeps ${label} in JSON`, () => {
        const json = JSON.stringify({ value: entry.value });
        assert.equal(redactor.json(json), json);
      });
      it(`keeps ${label} in a query`, () => {
        const query = `/p?value=${encodeURIComponent(entry.value)}`;
        assert.equal(redactor.url(query), query);
      });
    }
  }
});
