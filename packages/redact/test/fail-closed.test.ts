import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';
import { collectFindings } from './findings-collector';

const UNPARSED = '[REDACTED:unparsed]';

/** A key rule that fails when used, standing in for any internal error. */
class FailingPattern extends RegExp {
  override test(): boolean {
    throw new Error('rule failed');
  }
}

const redactor = new Redactor({ sensitiveKeys: [new FailingPattern('x')] });

describe('fail closed', () => {
  it('returns unparsed mask', () => {
    const secret = 'client_id=1&code=secret-value';
    assert.equal(redactor.form(secret), UNPARSED);
    assert.equal(redactor.json('{"code":"secret-value"}'), UNPARSED);
    assert.equal(redactor.xml('<code>secret-value</code>'), UNPARSED);
    assert.equal(redactor.url('/p?code=secret-value'), UNPARSED);
    assert.equal(redactor.header('x-code', 'secret-value'), UNPARSED);
    assert.equal(redactor.field('code', 'secret-value'), UNPARSED);
    assert.equal(
      redactor.body('{ f(code: "secret-value") }', 'application/graphql'),
      UNPARSED,
    );
  });

  it('reports an unparsed finding', () => {
    const { sink, findings } = collectFindings();
    redactor.json('{"code":"v"}', sink);
    redactor.header('X-Code', 'v', sink);
    assert.deepEqual(findings, [
      { type: 'unparsed', path: 'body' },
      { type: 'unparsed', path: 'header.x-code' },
    ]);
  });

  it('does not throw when the options throw', () => {
    const options = {
      get sensitiveKeys(): string[] {
        throw new Error('getter failed');
      },
    };
    const fallback = new Redactor(options);
    assert.equal(
      fallback.json('{"password":"x"}'),
      '{"password":"[REDACTED:password]"}',
    );
  });
});
