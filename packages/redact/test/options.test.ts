import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BUILT_IN_DETECTORS,
  DEFAULT_SENSITIVE_HEADERS,
  DEFAULT_SENSITIVE_KEYS,
  Redactor,
  validateRedactorOptions,
} from '../src';

describe('redactor options', () => {
  it('lists the built-in detectors', () => {
    assert.deepEqual([...BUILT_IN_DETECTORS].sort(), [
      'aws_access_key_id',
      'aws_secret_access_key',
      'basic_auth',
      'bearer_token',
      'credit_card',
      'digest_auth',
      'email',
      'github_token',
      'google_api_key',
      'iban',
      'ipv4',
      'ipv6',
      'jwt',
      'key_value',
      'phone',
      'private_key',
      'slack_token',
      'stripe_key',
      'url_credentials',
      'us_ssn',
    ]);
  });

  it('includes the required default headers and keys', () => {
    for (const name of [
      'authorization',
      'proxy-authorization',
      'cookie',
      'set-cookie',
      'x-api-key',
    ]) {
      assert.ok(DEFAULT_SENSITIVE_HEADERS.includes(name), name);
    }
    for (const key of [
      'password',
      'secret',
      'token',
      'api_key',
      'ssn',
      'cvv',
      'pin',
    ]) {
      assert.ok(DEFAULT_SENSITIVE_KEYS.includes(key), key);
    }
  });

  it('adds string keys with normalized matching', () => {
    const redactor = new Redactor({ sensitiveKeys: ['tax-id'] });
    assert.equal(
      redactor.json('{"TaxID":"1","tax_id":"2","password":"3"}'),
      '{"TaxID":"[REDACTED:tax-id]","tax_id":"[REDACTED:tax-id]","password":"[REDACTED:password]"}',
    );
  });

  it('tests RegExp keys as given', () => {
    const redactor = new Redactor({ sensitiveKeys: [/^x-secret-/i, /Hash$/g] });
    assert.equal(
      redactor.form('X-Secret-A=1&pwHash=2&pwHash=3&pwhash=4'),
      'X-Secret-A=[REDACTED:x-secret-a]&pwHash=[REDACTED:pwhash]&pwHash=[REDACTED:pwhash]&pwhash=4',
    );
  });

  it('runs only the selected detectors', () => {
    const redactor = new Redactor({ detectors: ['email'] });
    assert.equal(
      redactor.text('jane@example.com 4242424242424242'),
      '[REDACTED:email] 4242424242424242',
    );
  });

  it('empty detector list keeps key rules', () => {
    const redactor = new Redactor({ detectors: [] });
    assert.equal(
      redactor.json('{"e":"jane@example.com","pin":"1"}'),
      '{"e":"jane@example.com","pin":"[REDACTED:pin]"}',
    );
  });

  it('ignores invalid entries', () => {
    const loose = {
      sensitiveHeaders: [42, 'X-Custom'],
      sensitiveKeys: [null, 'custom'],
      detectors: 'email',
    } as unknown as ConstructorParameters<typeof Redactor>[0];
    const redactor = new Redactor(loose);
    assert.equal(redactor.header('x-custom', 'v'), '[REDACTED:x-custom]');
    assert.equal(redactor.form('custom=1'), 'custom=[REDACTED:custom]');
    assert.equal(redactor.text('4242424242424242'), '[REDACTED:credit_card]');
  });

  it('validates options', () => {
    assert.deepEqual(validateRedactorOptions(undefined), []);
    assert.deepEqual(validateRedactorOptions({ detectors: ['email'] }), []);
    assert.deepEqual(
      validateRedactorOptions({ detectors: ['e-mail'], sensitiveKeys: [1] }),
      [
        'sensitiveKeys[0] must be a non-empty string or a RegExp; it is ignored.',
        `detectors contains unknown detector "e-mail"; known detectors: ${BUILT_IN_DETECTORS.join(', ')}.`,
      ],
    );
    assert.deepEqual(validateRedactorOptions('x'), [
      'Redactor options must be an object; the defaults are used.',
    ]);
  });
});
