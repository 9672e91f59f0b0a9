import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';
import { collectFindings } from './findings-collector';

const redactor = new Redactor();

describe('url redaction', () => {
  it('masks sensitive query parameters', () => {
    assert.equal(
      redactor.url('/login?user=jo&access_token=abc.def&x=1'),
      '/login?user=jo&access_token=[REDACTED:access_token]&x=1',
    );
  });

  it('keeps untouched parameters byte for byte', () => {
    const input = '/s?q=a+b%20c&empty=&flag&u=%2F%7E&x=%E2%82%AC';
    assert.equal(redactor.url(input), input);
  });

  it('masks detections in query values', () => {
    assert.equal(
      redactor.url('/p?to=jane%40example.com&c=4242424242424242'),
      '/p?to=[REDACTED:email]&c=[REDACTED:credit_card]',
    );
  });

  it('masks the password of an absolute URL', () => {
    assert.equal(
      redactor.url('https://user:s3cret@db.example.com:5432/x?y=1'),
      'https://user:[REDACTED:password]@db.example.com:5432/x?y=1',
    );
  });

  it('keeps a user without a password', () => {
    const input = 'ssh://git@example.com/repo.git';
    assert.equal(redactor.url(input), input);
  });

  it('masks fragment parameters', () => {
    assert.equal(
      redactor.url('https://app.example.com/cb#access_token=xyz&state=1'),
      'https://app.example.com/cb#access_token=[REDACTED:access_token]&state=1',
    );
  });

  it('masks detections in the path', () => {
    assert.equal(
      redactor.url('/users/jane@example.com/orders'),
      '/users/[REDACTED:email]/orders',
    );
  });

  it('keeps a URL without a query', () => {
    const input = 'https://example.com/a/b.html';
    assert.equal(redactor.url(input), input);
  });

  it('reports query paths', () => {
    const { sink, findings } = collectFindings();
    redactor.url('/x?token=a&apiKey=b', sink);
    assert.deepEqual(findings, [
      { type: 'token', path: 'query.token' },
      { type: 'api_key', path: 'query.apiKey' },
    ]);
  });
});
