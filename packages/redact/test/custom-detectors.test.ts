import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPatternSafety, Redactor, validateRedactorOptions } from '../src';
import { collectFindings } from './findings-collector';

describe('custom detectors', () => {
  it('value pattern masks matches', () => {
    const { sink, findings } = collectFindings();
    const redactor = new Redactor({
      customDetectors: [
        {
          name: 'employee_id',
          valuePattern: '(?<![A-Z0-9])EMP-[0-9]{6}(?![0-9])',
        },
      ],
    });
    assert.equal(
      redactor.json('{"note":"by EMP-123456"}', sink),
      '{"note":"by [REDACTED:employee_id]"}',
    );
    assert.deepEqual(findings, [{ type: 'employee_id', path: 'body.note' }]);
  });

  it('key pattern masks values', () => {
    const redactor = new Redactor({
      customDetectors: [
        { name: 'internal', keyPattern: '^x-internal-', flags: 'i' },
      ],
    });
    assert.equal(
      redactor.form('X-Internal-Ref=42&a=1'),
      'X-Internal-Ref=[REDACTED:internal]&a=1',
    );
    assert.equal(
      redactor.header('x-internal-id', 'abc'),
      '[REDACTED:x-internal-id]',
    );
  });

  it('custom action applies', () => {
    const redactor = new Redactor({
      customDetectors: [
        { name: 'ticket', valuePattern: 'TCK-[0-9]{4}', action: 'classify' },
      ],
    });
    assert.equal(redactor.text('see TCK-1234'), 'see TCK-1234');
  });

  it('rejects catastrophic patterns', () => {
    for (const pattern of [
      '(a+)+$',
      '(\\w+\\s?)*$',
      'x\\w+y',
      '(a|a)*b',
      '([a-z0-9]+\\.)+com',
      '(a{1,5}){1,1000}',
      '(a)\\1',
    ]) {
      const redactor = new Redactor({
        customDetectors: [{ name: 'bad', valuePattern: pattern }],
      });
      assert.equal(redactor.problems.length, 1, pattern);
      assert.match(
        redactor.problems[0],
        /can backtrack catastrophically/,
        pattern,
      );
    }
  });

  it('rejected pattern does not run', () => {
    const redactor = new Redactor({
      customDetectors: [{ name: 'bad', valuePattern: '(a+)+$' }],
    });
    const started = performance.now();
    assert.equal(redactor.text(`${'a'.repeat(40)}!`), `${'a'.repeat(40)}!`);
    assert.ok(performance.now() - started < 1000);
  });

  it('accepts bounded patterns', () => {
    for (const pattern of [
      /EMP-\d{6}/,
      /(?<![a-z])[a-z]{1,32}\d{1,8}/,
      /\bINV-[0-9]{4,10}\b/,
    ]) {
      assert.equal(checkPatternSafety(pattern, 'p'), undefined, pattern.source);
    }
  });

  it('checks RegExp sensitive keys', () => {
    const redactor = new Redactor({ sensitiveKeys: [/^(a+)+$/] });
    assert.equal(redactor.problems.length, 1);
    assert.equal(redactor.form('aaaa=1'), 'aaaa=1');
  });

  it('reports invalid entries', () => {
    assert.deepEqual(
      validateRedactorOptions({
        customDetectors: [
          { name: 'Bad Name', valuePattern: 'x' },
          { name: 'both', valuePattern: 'x', keyPattern: 'y' },
          { name: 'syntax', valuePattern: '(' },
          { name: 'flags', valuePattern: 'x', flags: 'g' },
        ],
      }),
      [
        "customDetectors[0].name must be a lower-case name of letters, digits, '_', '.' or '-' (for example employee_id); the detector is ignored.",
        'customDetectors[1] (both) must set exactly one of keyPattern and valuePattern; the detector is ignored.',
        'customDetectors[2].valuePattern is not a valid regular expression (Invalid regular expression: /(/: Unterminated group); it is ignored.',
        'customDetectors[3].valuePattern has flags "g", but only i, m, s and u are allowed; it is ignored.',
      ],
    );
  });
});
