import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';
import { collectFindings } from './findings-collector';

const redactor = new Redactor();

describe('form bodies', () => {
  it('keeps untouched bytes', () => {
    const input = 'user=jo+doe&password=hunter%212&next=%2Fhome%3Fa%3Db';
    assert.equal(
      redactor.form(input),
      'user=jo+doe&password=[REDACTED:password]&next=%2Fhome%3Fa%3Db',
    );
  });

  it('matches encoded and compound keys', () => {
    const input = 'client%5Fsecret=a&user[password]=b&user.pin=c';
    assert.equal(
      redactor.form(input),
      'client%5Fsecret=[REDACTED:client_secret]&user[password]=[REDACTED:password]&user.pin=[REDACTED:pin]',
    );
  });

  it('masks a detection in an encoded value', () => {
    assert.equal(
      redactor.form('contact=jane%40example.com&card=4242+4242+4242+4242'),
      'contact=[REDACTED:email]&card=[REDACTED:credit_card]',
    );
  });

  it('keeps empty and bare pairs', () => {
    const input = 'password=&flag&&a=1&';
    assert.equal(redactor.form(input), input);
  });

  it('keeps malformed percent escapes', () => {
    const input = 'q=100%&r=%E0%A4%A&s=%ZZ';
    assert.equal(redactor.form(input), input);
  });

  it('masks a value after malformed escapes', () => {
    assert.equal(
      redactor.form('q=%ZZ+jane%40example.com'),
      'q=[REDACTED:email]',
    );
  });

  it('reports field paths', () => {
    const { sink, findings } = collectFindings();
    redactor.form('token=a&mail=jane%40example.com', sink);
    assert.deepEqual(findings, [
      { type: 'token', path: 'body.token' },
      { type: 'email', path: 'body.mail' },
    ]);
  });

  it('masks multipart fields', () => {
    assert.equal(redactor.field('password', 'x'), '[REDACTED:password]');
    assert.equal(
      redactor.field('comment', 'mail jane@example.com'),
      'mail [REDACTED:email]',
    );
    assert.equal(redactor.field('comment', 'hello'), 'hello');
  });
});
