import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AttackInput } from '../src';
import { inspectRequest } from '../src';
import { emptyRequest } from './helpers';

function withText(bodyText: string): AttackInput {
  return { ...emptyRequest(), bodyText };
}

describe('markup body values', () => {
  it('decodes entities in attribute values', () => {
    const body = '<?xml version="1.0"?><r><a q="x&apos; or 1 &gt; 0"/></r>';
    const rules = inspectRequest(withText(body), { families: ['sqli'] }).map(
      (finding) => finding.rule,
    );
    assert.deepEqual(rules, ['sqli.string_breakout']);
  });

  it('inspects text nodes alone', () => {
    const body = '<r><q>1=1</q></r>';
    const findings = inspectRequest(withText(body), { families: ['sqli'] });
    assert.equal(findings[0]?.rule, 'sqli.tautology');
    assert.equal(findings[0]?.location, 'body');
  });

  it('reads + in markup as a plus sign', () => {
    // The space keeps the whole text from being read as form-encoded.
    const body = '<r> <q>if+x==</q></r>';
    const findings = inspectRequest(withText(body), {
      families: ['command_injection'],
    });
    assert.deepEqual(findings, []);
  });

  it('leaves ordinary markup alone', () => {
    const body =
      '<order id="A-17"><item sku="S-1">Blue shirt &amp; tie</item></order>';
    assert.deepEqual(inspectRequest(withText(body)), []);
  });

  it('skips values of text that is not markup', () => {
    const findings = inspectRequest(withText('note: <q>1=1</q>'), {
      families: ['sqli'],
    });
    assert.deepEqual(findings, []);
  });
});
