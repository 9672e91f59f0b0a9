import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';

const redactor = new Redactor({ detectors: ['email'] });
const MASK = '[REDACTED:email]';

describe('email detector', () => {
  it('masks common addresses', () => {
    for (const address of [
      'jane.doe@example.com',
      "j.o'neil+billing@sub.example.co.uk",
      'ADMIN@EXAMPLE.ORG',
      'a_b-c%d@host-name.io',
    ]) {
      assert.equal(redactor.text(address), MASK, address);
    }
  });

  it('masks an address inside text and quotes', () => {
    assert.equal(
      redactor.text('to: <jane@example.com>, "bob@example.org".'),
      `to: <${MASK}>, "${MASK}".`,
    );
  });

  it('keeps surrounding single quotes', () => {
    assert.equal(redactor.text("'jane@example.com'"), `'${MASK}'`);
  });

  it('keeps incomplete addresses', () => {
    for (const value of ['not-an-email@', '@handle', 'user@localhost']) {
      assert.equal(redactor.text(value), value, value);
    }
  });

  it('keeps a numeric top-level label', () => {
    assert.equal(redactor.text('user@10.0.0.1'), 'user@10.0.0.1');
  });

  it('keeps trailing dot in local part', () => {
    assert.equal(redactor.text('a.@example.com'), 'a.@example.com');
  });

  it('keeps label with leading dash', () => {
    assert.equal(redactor.text('a@-bad.example.com'), 'a@-bad.example.com');
  });
});
