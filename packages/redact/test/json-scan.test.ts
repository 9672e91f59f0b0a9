import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';
import { collectFindings } from './findings-collector';

const redactor = new Redactor();

describe('json scan', () => {
  it('keeps layout and numbers', () => {
    const input =
      '{\n  "big": 12345678901234567890,\n  "password" : "x",\n  "f": 1.50e3\n}';
    assert.equal(
      redactor.json(input),
      '{\n  "big": 12345678901234567890,\n  "password" : "[REDACTED:password]",\n  "f": 1.50e3\n}',
    );
  });

  it('returns unchanged text as is', () => {
    const input = '[{"a": 1}, {"b": [true, false, null]}]';
    assert.equal(redactor.json(input), input);
  });

  it('decodes escapes before detection', () => {
    assert.equal(
      redactor.json('{"m":"jane\\u0040example.com"}'),
      '{"m":"[REDACTED:email]"}',
    );
  });

  it('masks JSON inside strings', () => {
    const { sink, findings } = collectFindings();
    const inner = JSON.stringify({ password: 'x', mail: 'jane@example.com' });
    const output = redactor.json(JSON.stringify({ event: inner }), sink);
    assert.equal(
      output,
      JSON.stringify({
        event: '{"password":"[REDACTED:password]","mail":"[REDACTED:email]"}',
      }),
    );
    assert.deepEqual(findings, [
      { type: 'password', path: 'body.event.password' },
      { type: 'email', path: 'body.event.mail' },
    ]);
  });

  it('masks JSON nested three deep', () => {
    const level3 = JSON.stringify({ token: 't' });
    const level2 = JSON.stringify({ x: level3 });
    const output = redactor.json(JSON.stringify({ y: level2 }));
    assert.ok(!output.includes('\\"t\\"'), output);
  });

  it('masks containers under keys', () => {
    assert.equal(
      redactor.json('{"credentials":{"user":"a","pass":[1,2]},"ok":1}'),
      '{"credentials":"[REDACTED:credentials]","ok":1}',
    );
  });

  it('masks keys that hold data', () => {
    const { sink, findings } = collectFindings();
    assert.equal(
      redactor.json('{"jane@example.com":1}', sink),
      '{"[REDACTED:email]":1}',
    );
    assert.deepEqual(findings, [
      { type: 'email', path: 'body["[REDACTED:email]"]' },
    ]);
  });

  it('reads NDJSON lines', () => {
    assert.equal(
      redactor.body('{"pin":"1"}\n{"pin":"2"}\n', 'application/x-ndjson'),
      '{"pin":"[REDACTED:pin]"}\n{"pin":"[REDACTED:pin]"}\n',
    );
  });

  it('falls back for JavaScript literals', () => {
    assert.equal(
      redactor.json("{password: 'x', a: 1}"),
      '{password: "[REDACTED:password]", a: 1}',
    );
  });

  it('reports array paths', () => {
    const { sink, findings } = collectFindings();
    redactor.json('{"users":[{"e":"a@b.co"},{"e":"c@d.co"}]}', sink);
    assert.deepEqual(findings, [
      { type: 'email', path: 'body.users[0].e' },
      { type: 'email', path: 'body.users[1].e' },
    ]);
  });

  it('runs separator detectors in strings', () => {
    assert.equal(
      redactor.json('{"log":"db=postgres://u:pw1@h/x token: abc"}'),
      '{"log":"db=postgres://u:[REDACTED:password]@h/x token: [REDACTED:token]"}',
    );
  });
});
