import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '@tracegate/redact';
import { MessageMasker } from '../src/message-mask';

const redactor = new Redactor();

describe('MessageMasker', () => {
  it('masks literal strings', () => {
    const masker = new MessageMasker(redactor, ['hunter2'], []);
    assert.equal(
      masker.mask('Expected value of type "Int!", found "hunter2".'),
      'Expected value of type "Int!", found "***".',
    );
  });

  it('masks short strings only when quoted', () => {
    const masker = new MessageMasker(redactor, ['ab'], []);
    assert.equal(
      masker.mask('Cannot parse "ab" as a tab'),
      'Cannot parse *** as a tab',
    );
  });

  it('masks whole numbers only', () => {
    const masker = new MessageMasker(redactor, [], ['1234']);
    assert.equal(
      masker.mask('got invalid value 1234; not 12345 nor 1234.5'),
      'got invalid value ***; not 12345 nor 1234.5',
    );
  });

  it('masks a value that contains another', () => {
    const masker = new MessageMasker(redactor, ['pass', 'password1'], []);
    assert.equal(masker.mask('bad password1'), 'bad ***');
  });

  it('runs the value detectors', () => {
    const masker = new MessageMasker(redactor, [], []);
    assert.equal(
      masker.mask('no account for jane@example.com'),
      'no account for [REDACTED:email]',
    );
  });
});
