import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AttackInput } from '../src';
import {
  MAX_VALUE_CHARS,
  inspectRequest,
  inspectRequestDetailed,
} from '../src';
import { emptyRequest } from './helpers';

const PAYLOAD = '<script>alert(1)</script>';

function withBody(body: unknown): AttackInput {
  return { ...emptyRequest(), body };
}

function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level++) {
    value = { next: value };
  }
  return value;
}

describe('inspection limits', () => {
  it('reports no limit on a small request', () => {
    const result = inspectRequestDetailed(withBody({ q: PAYLOAD }));
    assert.equal(result.limitReached, false);
    assert.deepEqual(result.limitsReached, []);
    assert.equal(result.findings.length, 1);
  });

  it('matches inspectRequest findings', () => {
    const input: AttackInput = {
      path: '/a/../../etc/passwd',
      query: { id: "1' or '1'='1" },
      headers: { referer: PAYLOAD },
      cookies: { s: '; cat /etc/passwd' },
      body: { url: 'http://127.0.0.1/' },
    };
    assert.deepEqual(
      inspectRequestDetailed(input).findings,
      inspectRequest(input),
    );
  });

  it('reports the value count limit', () => {
    const body = Array.from({ length: 10 }, (_, index) =>
      index === 9 ? PAYLOAD : 'plain',
    );
    const result = inspectRequestDetailed(withBody(body), {
      limits: { maxValues: 5 },
    });
    assert.equal(result.limitReached, true);
    assert.deepEqual(result.limitsReached, ['maxValues']);
    assert.deepEqual(result.findings, []);
  });

  it('reports the total character limit', () => {
    const body = { a: 'x'.repeat(300), b: PAYLOAD };
    const result = inspectRequestDetailed(withBody(body), {
      limits: { maxTotalChars: 200 },
    });
    assert.ok(result.limitsReached.includes('maxTotalChars'));
    assert.deepEqual(result.findings, []);
  });

  it('reports a value cut at the length limit', () => {
    const value = `${'x '.repeat(60)}${PAYLOAD}`;
    const result = inspectRequestDetailed(withBody({ a: value }), {
      limits: { maxValueChars: 100 },
    });
    assert.deepEqual(result.limitsReached, ['maxValueChars']);
    assert.deepEqual(result.findings, []);
  });

  it('inspects past the default length when raised', () => {
    const value = `${'x '.repeat(MAX_VALUE_CHARS)}${PAYLOAD}`;
    const cut = inspectRequestDetailed(withBody({ a: value }));
    assert.deepEqual(cut.findings, []);
    assert.deepEqual(cut.limitsReached, ['maxValueChars']);
    const whole = inspectRequestDetailed(withBody({ a: value }), {
      limits: { maxValueChars: value.length, maxTotalChars: value.length * 2 },
    });
    assert.equal(whole.findings[0]?.rule, 'xss.active_tag');
    assert.equal(whole.limitReached, false);
  });

  it('reports the depth limit', () => {
    const result = inspectRequestDetailed(withBody(nested(6, PAYLOAD)), {
      limits: { maxDepth: 3 },
    });
    assert.deepEqual(result.limitsReached, ['maxDepth']);
    assert.deepEqual(result.findings, []);
  });

  it('keeps defaults for invalid limits', () => {
    const invalid = [-1, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY];
    for (const maxValues of invalid) {
      const result = inspectRequestDetailed(withBody({ q: PAYLOAD }), {
        limits: { maxValues },
      });
      assert.equal(result.findings.length, 1, String(maxValues));
      assert.equal(result.limitReached, false, String(maxValues));
    }
  });
});

describe('header list option', () => {
  const input: AttackInput = {
    ...emptyRequest(),
    headers: { 'x-api-note': PAYLOAD, referer: PAYLOAD },
  };

  it('inspects only the listed headers', () => {
    const findings = inspectRequest(input, { headers: ['x-api-note'] });
    assert.deepEqual(
      findings.map((finding) => finding.location),
      ['header.x-api-note'],
    );
  });

  it('skips unlisted headers by default', () => {
    const findings = inspectRequest(input);
    assert.deepEqual(
      findings.map((finding) => finding.location),
      ['header.referer'],
    );
  });
});
