import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorMessage, errorType, isRoutingError } from '../src/errors';

class NotFoundError extends Error {}

describe('isRoutingError', () => {
  const cases: Array<[string, unknown, boolean]> = [
    ['Error', new Error('x'), true],
    ['string', 'failed', true],
    ["'route'", 'route', false],
    ["'router'", 'router', false],
    ['undefined', undefined, false],
    ['null', null, false],
    ['empty string', '', false],
  ];
  for (const [name, value, expected] of cases) {
    it(name, () => {
      assert.equal(isRoutingError(value), expected);
    });
  }
});

describe('errorType', () => {
  it('subclass name', () => {
    assert.equal(errorType(new NotFoundError('x')), 'NotFoundError');
  });

  it('built-in type', () => {
    assert.equal(errorType(new TypeError('x')), 'TypeError');
  });

  it('name set on an Error', () => {
    const error = new Error('x');
    error.name = 'UpstreamTimeout';
    assert.equal(errorType(error), 'UpstreamTimeout');
  });

  it('value that is not an Error', () => {
    assert.equal(errorType({ status: 400 }), '_OTHER');
  });
});

describe('errorMessage', () => {
  it('Error', () => {
    assert.equal(errorMessage(new Error('broken')), 'broken');
  });

  it('string', () => {
    assert.equal(errorMessage('failed'), 'failed');
  });
});
