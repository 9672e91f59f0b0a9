import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';
import { collectFindings } from './findings-collector';

const redactor = new Redactor();

/** Cuts `text` after the first `keep` characters of `secret`, as a body size limit would. */
function cutInside(text: string, secret: string, keep: number): string {
  return text.slice(0, text.indexOf(secret) + keep);
}

const SECRETS: ReadonlyArray<readonly [string, string]> = [
  ['credit_card', '4242 4242 4242 4242'],
  ['jwt', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig'],
  ['email', 'jane.doe@example.com'],
  ['aws_access_key_id', 'AKIAIOSFODNN7EXAMPLE'],
  ['github_token', `ghp_${'a1B2'.repeat(9)}`],
  ['phone', '+44 20 7946 0958'],
  ['iban', 'GB82WEST12345698765432'],
];

describe('secrets cut by the size limit', () => {
  for (const [type, secret] of SECRETS) {
    const half = Math.ceil(secret.length / 2);
    it(`${type} cut in JSON`, () => {
      const body = cutInside(
        JSON.stringify({ note: secret, more: 'x' }),
        secret,
        half,
      );
      const { sink, findings } = collectFindings();
      const output = redactor.body(body, 'application/json', sink, true);
      assert.ok(!output.includes(secret.slice(0, half)), output);
      assert.deepEqual(findings, [{ type, path: 'body.note' }]);
    });
    it(`${type} cut in text`, () => {
      const body = cutInside(`value: ${secret} end`, secret, half);
      const output = redactor.body(body, 'text/plain', undefined, true);
      assert.equal(output, `value: [REDACTED:${type}]`);
    });
    it(`${type} cut in a form`, () => {
      const body = `a=1&note=${encodeURIComponent(secret.slice(0, half))}`;
      const output = redactor.body(
        body,
        'application/x-www-form-urlencoded',
        undefined,
        true,
      );
      assert.equal(output, `a=1&note=[REDACTED:${type}]`);
    });
    it(`${type} cut in XML`, () => {
      const body = cutInside(`<r><note>${secret}</note></r>`, secret, half);
      assert.equal(
        redactor.body(body, 'application/xml', undefined, true),
        `<r><note>[REDACTED:${type}]`,
      );
    });
  }

  it('bearer token cut after scheme', () => {
    assert.equal(
      redactor.text('auth Bearer abc', undefined, true),
      'auth Bearer [REDACTED:bearer_token]',
    );
  });

  it('cut inside a percent escape', () => {
    assert.equal(
      redactor.form('a=1&to=jane%40ex%4', undefined, true),
      'a=1&to=[REDACTED:email]',
    );
  });

  it('number cut in JSON', () => {
    assert.equal(
      redactor.json('{"pan":1,"n":42424242', undefined, true),
      '{"pan":"[REDACTED:pan]","n":"[REDACTED:credit_card]"',
    );
  });

  it('keeps a cut ordinary word', () => {
    const body = '{"note":"hello wor';
    assert.equal(redactor.json(body, undefined, true), body);
  });

  it('keeps untruncated text as is', () => {
    assert.equal(redactor.text('ref 4242 4242'), 'ref 4242 4242');
  });

  it('partial masks a cut card whole', () => {
    const partial = new Redactor({ actions: { credit_card: 'partial' } });
    assert.equal(
      partial.text('card 4242 4242 42', undefined, true),
      'card [REDACTED:credit_card]',
    );
  });
});
