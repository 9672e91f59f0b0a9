import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';

const redactor = new Redactor();
const DEPTH = 10_000;
const TEN_MB = 10 * 1024 * 1024;
const UNPARSED = '[REDACTED:unparsed]';

describe('hostile input', () => {
  it('redacts 10,000-deep valid JSON', () => {
    const input = '['.repeat(DEPTH) + '{"password":"x"}' + ']'.repeat(DEPTH);
    const expected =
      '['.repeat(DEPTH) +
      '{"password":"[REDACTED:password]"}' +
      ']'.repeat(DEPTH);
    assert.equal(redactor.json(input), expected);
  });

  it('redacts 10,000-deep truncated JSON', () => {
    const input = '{"a":'.repeat(DEPTH) + '{"token":"abc';
    const expected = '{"a":'.repeat(DEPTH) + '{"token":"[REDACTED:token]';
    assert.equal(redactor.json(input, undefined, true), expected);
  });

  it('handles 10,000 unclosed brackets', () => {
    const input = '['.repeat(DEPTH);
    assert.equal(redactor.json(input), input);
  });

  it('redacts 10,000-deep XML', () => {
    const input = '<a>'.repeat(DEPTH) + '<pin>1</pin>' + '</a>'.repeat(DEPTH);
    const expected =
      '<a>'.repeat(DEPTH) + '<pin>[REDACTED:pin]</pin>' + '</a>'.repeat(DEPTH);
    assert.equal(redactor.xml(input), expected);
  });

  it('handles 10,000 stray XML end tags', () => {
    const input = '<a>'.repeat(DEPTH) + '</b>'.repeat(DEPTH);
    assert.equal(redactor.xml(input), input);
  });

  it('handles a 10,000-deep GraphQL argument', () => {
    const input = `{ f(secret: ${'['.repeat(DEPTH)}`;
    assert.equal(
      redactor.body(input, 'application/graphql'),
      '{ f(secret: "[REDACTED:secret]"',
    );
  });

  it('handles malformed JSON', () => {
    for (const input of [
      '',
      '{',
      '}',
      ']]]',
      '{"a":,,}',
      ':::',
      '"',
      '{"a" "b"}',
      'nul',
    ]) {
      assert.equal(typeof redactor.json(input), 'string', input);
    }
    assert.equal(
      redactor.json('}}{{[[:::"password":"x"]'),
      '}}{{[[:::"password":"x"]',
    );
  });

  it('handles a 10 MB string', () => {
    const big = 'x'.repeat(TEN_MB);
    assert.equal(redactor.text(big), big);
    const json = JSON.stringify({ a: big, password: 'p' });
    assert.equal(
      redactor.json(json),
      JSON.stringify({ a: big, password: '[REDACTED:password]' }),
    );
    assert.equal(
      redactor.form(`a=${big}&pin=1`),
      `a=${big}&pin=[REDACTED:pin]`,
    );
    assert.equal(redactor.url(`/p?q=${big}`), `/p?q=${big}`);
    assert.equal(redactor.xml(`<a>${big}</a>`), `<a>${big}</a>`);
  });

  it('handles a 10 MB string of near-misses', () => {
    const input = 'a@b.'.repeat(TEN_MB / 4);
    const output = redactor.text(input);
    assert.equal(output, input);
  });

  it('handles invalid UTF-8 decoded to text', () => {
    const bytes = Buffer.from([
      0x7b, 0x22, 0x70, 0x69, 0x6e, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe,
      0xed, 0xa0, 0x80, 0x22, 0x7d,
    ]);
    const text = bytes.toString('utf8');
    const output = redactor.body(text, 'application/json');
    assert.equal(output, '{"pin":"[REDACTED:pin]"}');
    // In XML and form text the pair is free text, where "pin": "..." is a
    // secret by key name too.
    assert.equal(redactor.xml(text), output);
    assert.equal(redactor.form(text), output);
  });

  it('handles lone surrogates', () => {
    const output = redactor.json(
      '{"a":"\ud800 jane@example.com","b":"\udc00"}',
    );
    assert.equal(output, '{"a":"\ud800 [REDACTED:email]","b":"\udc00"}');
  });

  it('fails closed on non-strings', () => {
    const loose = redactor as unknown as Record<
      string,
      (...args: unknown[]) => string
    >;
    assert.equal(loose.text(undefined), UNPARSED);
    assert.equal(loose.json(42), UNPARSED);
    assert.equal(loose.header('cookie', ['a=1', 'b=2']), UNPARSED);
    assert.equal(loose.url(null), UNPARSED);
    assert.equal(loose.body(Buffer.from('x'), 'text/plain'), UNPARSED);
    assert.equal(loose.field('password', {}), UNPARSED);
  });

  it('accepts non-string media type', () => {
    const loose = redactor as unknown as Record<
      string,
      (...args: unknown[]) => string
    >;
    assert.equal(loose.body('a@b.co', undefined), '[REDACTED:email]');
  });
});
