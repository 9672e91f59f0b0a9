import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRuleFilter } from '../../src/filters';
import type { Filter, RequestView, Verdict } from '../../src/types';
import { expectBlock } from './support/verdicts';
import { makeView } from './support/views';

function ruleFilter(options: Parameters<typeof createRuleFilter>[0]): Filter {
  const filter = createRuleFilter(options);
  assert.ok(filter, 'the filter was not created');
  return filter;
}

function check(
  filter: Filter,
  url: string,
  overrides: Partial<RequestView> = {},
): Verdict | undefined {
  return filter.check(makeView(url, overrides)) as Verdict | undefined;
}

describe('rule filter', () => {
  it('is off by default', () => {
    assert.equal(createRuleFilter(), undefined);
    assert.equal(
      createRuleFilter({ rules: [{ path: '/admin', action: 'block' }] }),
      undefined,
    );
  });

  it('blocks an exact path with the default status', () => {
    const filter = ruleFilter({
      mode: 'block',
      rules: [{ path: '/admin', action: 'block' }],
    });
    const verdict = expectBlock(check(filter, '/admin'));
    assert.equal(verdict.status, 403);
    assert.equal(verdict.rule, 'rules[0]');
    assert.equal(check(filter, '/admin/users'), undefined);
    assert.equal(check(filter, '/administrator'), undefined);
  });

  it('uses the rule name and status', () => {
    const filter = ruleFilter({
      mode: 'block',
      rules: [
        { name: 'no-debug', path: '/debug/*', action: 'block', status: 404 },
      ],
    });
    const verdict = expectBlock(check(filter, '/debug/vars'));
    assert.equal(verdict.rule, 'no-debug');
    assert.equal(verdict.status, 404);
  });

  it('matches a prefix and the path itself', () => {
    const filter = ruleFilter({
      mode: 'block',
      rules: [{ path: '/admin/*', action: 'block' }],
    });
    expectBlock(check(filter, '/admin'));
    expectBlock(check(filter, '/admin/'));
    expectBlock(check(filter, '/admin/a/b/c'));
    assert.equal(check(filter, '/adminx'), undefined);
    assert.equal(check(filter, '/public/admin'), undefined);
  });

  it('matches :param templates segment by segment', () => {
    const filter = ruleFilter({
      mode: 'block',
      rules: [{ path: '/users/:id/keys', action: 'block' }],
    });
    expectBlock(check(filter, '/users/42/keys'));
    assert.equal(check(filter, '/users/42'), undefined);
    assert.equal(check(filter, '/users/42/keys/1'), undefined);
    assert.equal(check(filter, '/users//keys'), undefined);
  });

  it('matches a re: regular expression', () => {
    const filter = ruleFilter({
      mode: 'block',
      rules: [{ path: 're:^/v[0-9]{1,3}/internal(/|$)', action: 'block' }],
    });
    expectBlock(check(filter, '/v2/internal/metrics'));
    assert.equal(check(filter, '/v2/internals'), undefined);
  });

  it('rejects regular expressions that backtrack', () => {
    const filter = ruleFilter({
      mode: 'block',
      rules: [
        { path: 're:^/(a+)+$', action: 'block' },
        // Overlapping alternatives under a repetition: V8 took 9 s on a
        // path of 26 digits and a '!' when this rule was accepted.
        { path: 're:^/(\\w|\\d)+$', action: 'block' },
        { path: '/fallback', action: 'block' },
      ],
    });
    assert.equal(check(filter, `/${'a'.repeat(40)}!`), undefined);
    assert.equal(check(filter, '/abc1'), undefined);
    const started = performance.now();
    assert.equal(check(filter, `/${'1'.repeat(26)}!`), undefined);
    assert.ok(performance.now() - started < 1000);
    assert.equal(expectBlock(check(filter, '/fallback')).rule, 'rules[2]');
  });

  it('applies the first matching rule', () => {
    const filter = ruleFilter({
      mode: 'block',
      rules: [
        { path: '/admin/health', action: 'allow' },
        { name: 'admin', path: '/admin/*', action: 'block' },
      ],
    });
    assert.equal(check(filter, '/admin/health'), undefined);
    assert.equal(expectBlock(check(filter, '/admin/users')).rule, 'admin');
  });

  it('limits rules to their methods', () => {
    const filter = ruleFilter({
      mode: 'block',
      rules: [
        { methods: ['delete', 'GET'], path: '/items/*', action: 'block' },
      ],
    });
    expectBlock(check(filter, '/items/1', { method: 'DELETE' }));
    expectBlock(check(filter, '/items/1', { method: 'GET' }));
    expectBlock(check(filter, '/items/1', { method: 'HEAD' }));
    assert.equal(check(filter, '/items/1', { method: 'POST' }), undefined);
  });

  it('compares paths case-insensitively by default', () => {
    const insensitive = ruleFilter({
      mode: 'block',
      rules: [{ path: '/admin/*', action: 'block' }],
    });
    expectBlock(check(insensitive, '/ADMIN/x'));
    const sensitive = ruleFilter({
      mode: 'block',
      caseSensitive: true,
      rules: [{ path: '/admin/*', action: 'block' }],
    });
    assert.equal(check(sensitive, '/ADMIN/x'), undefined);
    expectBlock(check(sensitive, '/admin/x'));
  });

  it('keeps the request path out of the reason', () => {
    const filter = ruleFilter({
      mode: 'block',
      rules: [{ path: '/reset/:token', action: 'block' }],
    });
    const verdict = expectBlock(check(filter, '/reset/s3cr3t-t0ken'));
    assert.ok(verdict.reason !== undefined);
    assert.ok(!verdict.reason.includes('s3cr3t'), verdict.reason);
  });

  describe('bypass attempts', () => {
    const filter = ruleFilter({
      mode: 'block',
      rules: [
        { path: '/admin/*', action: 'block' },
        { path: '/internal/:name/secret', action: 'block' },
        { path: 're:^/debug(/|$)', action: 'block' },
      ],
    });
    const attempts = [
      '/admin/../admin/x',
      '/public/../admin/x',
      '/%61dmin',
      '/%61dmin/x',
      '/%2e%2e/admin/x',
      '//admin/x',
      '/./admin',
      '/admin/.',
      '/public/%2e%2e/admin',
      '/public%2f..%2fadmin',
      '/public\\..\\admin',
      '/ADMIN',
      '/Admin/x',
      '/admin/',
      '/%FF/../admin',
      'http://example.test/admin/x',
      '/internal/a/../b/secret',
      '/internal//b/secret',
      '/%64ebug/x',
      '/x/../debug',
    ];
    for (const url of attempts) {
      it(`blocks ${url}`, () => {
        expectBlock(check(filter, url));
      });
    }

    it('does not block a double-encoded path that apps read as literal', () => {
      assert.equal(check(filter, '/%2561dmin'), undefined);
    });
  });
});
