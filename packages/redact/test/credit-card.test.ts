import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';

const redactor = new Redactor({ detectors: ['credit_card'] });
const MASK = '[REDACTED:credit_card]';

describe('credit card detector', () => {
  it('masks plain numbers of every length', () => {
    for (const card of [
      '4222222222222',
      '378282246310005',
      '4242424242424242',
      '6304000000000000000',
    ]) {
      assert.equal(redactor.text(card), MASK, card);
    }
  });

  it('masks numbers grouped by spaces or dashes', () => {
    assert.equal(redactor.text('4242 4242 4242 4242'), MASK);
    assert.equal(redactor.text('4242-4242-4242-4242'), MASK);
    assert.equal(redactor.text('3782 822463 10005'), MASK);
  });

  it('masks a card inside text', () => {
    assert.equal(
      redactor.text('paid with 4242424242424242, thanks'),
      `paid with ${MASK}, thanks`,
    );
  });

  it('masks grouped card before number', () => {
    assert.equal(
      redactor.text('card 4242 4242 4242 4242 12 25'),
      `card ${MASK} 12 25`,
    );
  });

  it('keeps numbers that fail Luhn', () => {
    assert.equal(redactor.text('4242424242424241'), '4242424242424241');
    assert.equal(redactor.text('4012888888881882'), '4012888888881882');
  });

  it('keeps Luhn-valid numbers without a card prefix', () => {
    // 1733325600000 passes Luhn but starts with 1, as epoch milliseconds do.
    assert.equal(redactor.text('1733325600000'), '1733325600000');
    assert.equal(redactor.text('0000000000000000'), '0000000000000000');
  });

  it('keeps repeated digits', () => {
    assert.equal(redactor.text('5555555555555555'), '5555555555555555');
  });

  it('keeps numbers of the wrong length', () => {
    assert.equal(redactor.text('424242424242'), '424242424242');
    const twenty = '42424242424242424242';
    assert.equal(redactor.text(twenty), twenty);
  });

  it('keeps longer digit runs', () => {
    const run = `9${'4242424242424242'}9`;
    assert.equal(redactor.text(run), run);
  });

  it('keeps an ISBN with single-digit groups', () => {
    assert.equal(redactor.text('978-3-16-148410-0'), '978-3-16-148410-0');
  });
});
