import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '@tracegate/redact';
import { renderHeaders } from '../src/header-render';
import type { Finding } from '../src/unchanged-values';
import { UnchangedValues } from '../src/unchanged-values';

const IP_FINDING: Finding = { type: 'ipv4', path: 'header.x-forwarded-for' };

describe('UnchangedValues', () => {
  it('returns undefined for a pair not remembered', () => {
    const memo = new UnchangedValues();
    assert.equal(memo.findingsOf('host', 'example.com'), undefined);
  });

  it('returns the findings of a remembered pair', () => {
    const memo = new UnchangedValues();
    memo.remember('host', 'example.com', []);
    memo.remember('x-forwarded-for', '10.0.0.1', [IP_FINDING]);
    assert.deepEqual(memo.findingsOf('host', 'example.com'), []);
    assert.deepEqual(memo.findingsOf('x-forwarded-for', '10.0.0.1'), [
      IP_FINDING,
    ]);
    assert.equal(memo.findingsOf('host', 'other.example'), undefined);
    assert.equal(memo.findingsOf('origin', 'example.com'), undefined);
  });

  it('keeps numbers apart from their text', () => {
    const memo = new UnchangedValues();
    memo.remember('net.peer.port', 8080, []);
    assert.deepEqual(memo.findingsOf('net.peer.port', 8080), []);
    assert.equal(memo.findingsOf('net.peer.port', '8080'), undefined);
  });

  it('skips long strings and arrays', () => {
    const memo = new UnchangedValues();
    const long = 'a'.repeat(300);
    memo.remember('user-agent', long, []);
    memo.remember('accept', ['text/html'], []);
    assert.equal(memo.findingsOf('user-agent', long), undefined);
    assert.equal(memo.findingsOf('accept', ['text/html']), undefined);
  });

  it('starts over when full', () => {
    const memo = new UnchangedValues();
    memo.remember('first', 'value', []);
    for (let index = 0; index < 5000; index++) {
      memo.remember('counter', index, []);
    }
    assert.equal(memo.findingsOf('first', 'value'), undefined);
    assert.deepEqual(memo.findingsOf('counter', 4999), []);
  });
});

describe('renderHeaders with repeated values', () => {
  it('reports the same findings and values every time', () => {
    const redactor = new Redactor();
    const headers: Array<[string, unknown]> = [
      ['Host', 'shop.example.com'],
      ['X-Forwarded-For', '10.1.2.3'],
      ['Authorization', 'Bearer abc.def.ghi'],
    ];
    const runs = [0, 1, 2].map(() => {
      const findings: Finding[] = [];
      const attributes = renderHeaders(
        headers,
        'http.request.header.',
        redactor,
        (finding) => findings.push(finding),
      );
      return { attributes, findings };
    });
    const [first, ...later] = runs;
    assert.deepEqual(first.attributes['http.request.header.host'], [
      'shop.example.com',
    ]);
    const authorization = first.attributes[
      'http.request.header.authorization'
    ] as string[];
    assert.ok(!authorization[0].includes('abc.def.ghi'), authorization[0]);
    assert.ok(first.findings.some((finding) => finding.type === 'ipv4'));
    for (const run of later) {
      assert.deepEqual(run.attributes, first.attributes);
      assert.deepEqual(run.findings, first.findings);
    }
  });
});
