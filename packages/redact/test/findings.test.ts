import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';
import { collectFindings } from './findings-collector';

const redactor = new Redactor();

describe('findings', () => {
  it('reports JSON paths with keys and indexes', () => {
    const { sink, findings } = collectFindings();
    redactor.json(
      JSON.stringify({
        customer: { card: '4242424242424242' },
        items: [{ email: 'jane@example.com' }],
        'odd key': { token: 't' },
      }),
      sink,
    );
    assert.deepEqual(findings, [
      { type: 'credit_card', path: 'body.customer.card' },
      { type: 'email', path: 'body.items[0].email' },
      { type: 'token', path: 'body["odd key"].token' },
    ]);
  });

  it('reports each detection', () => {
    const { sink, findings } = collectFindings();
    redactor.text('a@example.com b@example.com', sink);
    assert.equal(findings.length, 2);
  });

  it('reports bearer JWT once', () => {
    const { sink, findings } = collectFindings();
    redactor.text(
      'Bearer eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo',
      sink,
    );
    assert.deepEqual(findings, [{ type: 'bearer_token', path: 'body' }]);
  });

  it('shortens paths of deep values', () => {
    const { sink, findings } = collectFindings();
    const depth = 100;
    const input =
      '{"a":'.repeat(depth) + '{"password":"x"}' + '}'.repeat(depth);
    redactor.json(input, sink);
    assert.equal(findings.length, 1);
    assert.ok(findings[0].path.includes('[...]'), findings[0].path);
    assert.ok(findings[0].path.endsWith('.a.password'), findings[0].path);
  });

  it('shortens long keys in paths', () => {
    const { sink, findings } = collectFindings();
    const key = 'k'.repeat(1000);
    redactor.json(JSON.stringify({ [key]: 'jane@example.com' }), sink);
    assert.ok(findings[0].path.length < 100, findings[0].path);
  });

  it('keeps redacting when the sink throws', () => {
    const output = redactor.json(
      '{"password":"x","e":"jane@example.com"}',
      () => {
        throw new Error('sink failed');
      },
    );
    assert.equal(
      output,
      '{"password":"[REDACTED:password]","e":"[REDACTED:email]"}',
    );
  });

  it('reports nothing for clean input', () => {
    const { sink, findings } = collectFindings();
    redactor.json('{"a":"hello","b":[1,2,3]}', sink);
    redactor.header('accept', 'text/html', sink);
    redactor.url('/a?b=c', sink);
    assert.deepEqual(findings, []);
  });
});
