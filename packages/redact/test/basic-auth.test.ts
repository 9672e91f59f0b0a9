import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';

const redactor = new Redactor({ detectors: ['basic_auth'] });
const MASK = '[REDACTED:basic_auth]';

function basic(userPass: string): string {
  return `Basic ${Buffer.from(userPass).toString('base64')}`;
}

describe('basic auth detector', () => {
  it('masks encoded user and password', () => {
    assert.equal(redactor.text(basic('user:password')), MASK);
  });

  it('masks a non-ASCII password', () => {
    assert.equal(redactor.text(basic('jörg:pässwörd')), MASK);
  });

  it('masks credentials inside text', () => {
    assert.equal(
      redactor.text(`header ${basic('a:b')} sent`),
      `header ${MASK} sent`,
    );
  });

  it('keeps base64 without a colon', () => {
    const value = basic('no separator here');
    assert.equal(redactor.text(value), value);
  });

  it('keeps text that decodes to binary', () => {
    assert.equal(redactor.text('basic information'), 'basic information');
  });

  it('keeps a challenge', () => {
    const challenge = 'Basic realm="staging", charset="UTF-8"';
    assert.equal(redactor.text(challenge), challenge);
  });
});
