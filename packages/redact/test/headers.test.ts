import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SENSITIVE_HEADERS, Redactor } from '../src';
import { collectFindings } from './findings-collector';

const redactor = new Redactor();

describe('header redaction', () => {
  it('masks default sensitive headers', () => {
    for (const name of DEFAULT_SENSITIVE_HEADERS) {
      if (name === 'cookie' || name === 'set-cookie') {
        continue;
      }
      assert.equal(
        redactor.header(name, 'value-1'),
        `[REDACTED:${name}]`,
        name,
      );
    }
  });

  it('matches header names in any case', () => {
    assert.equal(
      redactor.header('Authorization', 'Basic dXNlcjpwYXNzd29yZA=='),
      '[REDACTED:authorization]',
    );
    assert.equal(redactor.header('X-API-Key', 'k'), '[REDACTED:x-api-key]');
  });

  it('masks headers named by a key rule', () => {
    assert.equal(redactor.header('Api_Key', 'k'), '[REDACTED:api_key]');
  });

  it('masks configured headers', () => {
    const custom = new Redactor({ sensitiveHeaders: ['X-Tenant-Secret'] });
    assert.equal(
      custom.header('x-tenant-secret', 's'),
      '[REDACTED:x-tenant-secret]',
    );
    assert.equal(
      custom.header('authorization', 'a'),
      '[REDACTED:authorization]',
    );
  });

  it('runs detectors on other headers', () => {
    assert.equal(
      redactor.header('x-forwarded-email', 'jane@example.com'),
      '[REDACTED:email]',
    );
    assert.equal(
      redactor.header('accept', 'application/json'),
      'application/json',
    );
  });

  it('masks query tokens in Referer and Location', () => {
    assert.equal(
      redactor.header('referer', 'https://a.example/reset?token=abc&lang=en'),
      'https://a.example/reset?token=[REDACTED:token]&lang=en',
    );
    assert.equal(
      redactor.header('Location', '/cb#access_token=z'),
      '/cb#access_token=[REDACTED:access_token]',
    );
  });

  it('keeps an empty sensitive header', () => {
    assert.equal(redactor.header('authorization', ''), '');
  });

  it('reports header paths', () => {
    const { sink, findings } = collectFindings();
    redactor.header('Authorization', 'Bearer x', sink);
    redactor.header('Referer', '/p?password=x', sink);
    assert.deepEqual(findings, [
      { type: 'authorization', path: 'header.authorization' },
      { type: 'password', path: 'header.referer.password' },
    ]);
  });
});
