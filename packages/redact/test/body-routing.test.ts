import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';

const redactor = new Redactor();
const JSON_BODY = '{"password":"x"}';
const JSON_MASKED = '{"password":"[REDACTED:password]"}';

describe('body routing by media type', () => {
  it('routes JSON and +json types', () => {
    for (const type of [
      'application/json',
      'application/vnd.api+json',
      'Application/JSON; charset=utf-8',
      'application/x-ndjson',
    ]) {
      assert.equal(redactor.body(JSON_BODY, type), JSON_MASKED, type);
    }
  });

  it('routes form bodies', () => {
    assert.equal(
      redactor.body('a=1&pin=2', 'application/x-www-form-urlencoded'),
      'a=1&pin=[REDACTED:pin]',
    );
  });

  it('routes XML and +xml types', () => {
    for (const type of [
      'application/xml',
      'text/xml',
      'application/soap+xml',
    ]) {
      assert.equal(
        redactor.body('<a><pin>1</pin></a>', type),
        '<a><pin>[REDACTED:pin]</pin></a>',
        type,
      );
    }
  });

  it('routes GraphQL documents', () => {
    assert.equal(
      redactor.body('{ f(pin: 1) }', 'application/graphql'),
      '{ f(pin: "[REDACTED:pin]") }',
    );
  });

  it('sniffs JSON in generic types', () => {
    assert.equal(redactor.body(JSON_BODY, 'text/plain'), JSON_MASKED);
    // The layout of valid JSON is kept, leading space included.
    assert.equal(redactor.body(` ${JSON_BODY}`, ''), ` ${JSON_MASKED}`);
  });

  it('runs detectors on other types', () => {
    assert.equal(
      redactor.body('<p>note=x jane@example.com</p>', 'text/html'),
      '<p>note=x [REDACTED:email]</p>',
    );
    assert.equal(
      redactor.body('pin=1 jane@example.com', 'application/octet-stream'),
      'pin=[REDACTED:pin] [REDACTED:email]',
    );
  });
});
