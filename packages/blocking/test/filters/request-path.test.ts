import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeRequestPath } from '../../src/filters';
import { RequestPath } from '../../src/filters/request-path';

describe('request path normalization', () => {
  const cases: Array<[string, string]> = [
    ['/admin/x', '/admin/x'],
    ['/admin/../admin/x', '/admin/x'],
    ['/public/../admin/x', '/admin/x'],
    ['//admin//x', '/admin/x'],
    ['/./admin/./x', '/admin/x'],
    ['/%61dmin/x', '/admin/x'],
    ['/%2e%2e/admin/x', '/admin/x'],
    ['/public/%2E%2E/admin', '/admin'],
    ['/public%2f..%2fadmin', '/admin'],
    ['/public\\..\\admin', '/admin'],
    ['/admin/', '/admin'],
    ['/../../admin', '/admin'],
    ['/admin?x=/../public', '/admin'],
    ['/admin#frag', '/admin'],
    ['http://example.test/admin/x?y=1', '/admin/x'],
    ['/', '/'],
    ['', '/'],
    ['/caf%C3%A9', '/café'],
  ];
  for (const [target, expected] of cases) {
    it(`normalizes ${target || '(empty)'}`, () => {
      assert.equal(normalizeRequestPath(target), expected);
    });
  }

  it('decodes only once', () => {
    assert.equal(normalizeRequestPath('/%2561dmin'), '/%61dmin');
  });

  it('decodes letters next to invalid UTF-8', () => {
    assert.equal(normalizeRequestPath('/%61dmin%FF'), '/admin\uFFFD');
    assert.equal(normalizeRequestPath('/%FF%61dmin'), '/\uFFFDadmin');
  });

  it('keeps malformed escapes as text', () => {
    assert.equal(normalizeRequestPath('/a%zzb/%'), '/a%zzb/%');
  });
});

describe('RequestPath.fromTarget', () => {
  it('alternating targets keep their own paths', () => {
    // fromTarget reuses the instance of the last target, so every target
    // comes twice in a row and again after a different one.
    const targets = ['/Admin/x', '/public/../Admin/y?z=1', '/', '/Admin/x'];
    for (const target of [...targets, ...targets.slice().reverse()]) {
      for (let repeat = 0; repeat < 2; repeat++) {
        const path = RequestPath.fromTarget(target);
        const expected = normalizeRequestPath(target);
        assert.equal(path.text, expected, target);
        assert.equal(path.lower, expected.toLowerCase(), target);
        assert.deepEqual(
          path.segments(true),
          expected.split('/').filter((segment) => segment !== ''),
          target,
        );
      }
    }
  });
});
