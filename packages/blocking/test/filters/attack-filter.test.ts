import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAttackFilter } from '../../src/filters';
import type { AttackFinding, AttackInput } from '../../src/filters';
import type { InspectOptions } from '../../src/filters/attack-api';
import { describeLocation } from '../../src/filters/attack-filter';
import type { Filter, RequestView, Verdict } from '../../src/types';
import { DiagCapture } from './support/diag-capture';
import { expectBlock } from './support/verdicts';
import { makeView } from './support/views';

interface Call {
  readonly input: AttackInput;
  readonly options: InspectOptions | undefined;
}

/**
 * Creates a stand-in for inspectRequest of @tracegate/attacks: reports `sqli` for
 * values containing `' or 1=1` and `nosql_injection` for `$where` keys, and
 * records every call.
 */
function fakeInspector(): {
  calls: Call[];
  inspectRequest: (
    input: AttackInput,
    options?: InspectOptions,
  ) => AttackFinding[];
} {
  const calls: Call[] = [];
  function inspectRequest(
    input: AttackInput,
    options?: InspectOptions,
  ): AttackFinding[] {
    calls.push({ input, options });
    const findings: AttackFinding[] = [];
    const scan = (location: string, value: unknown): void => {
      if (
        typeof value === 'string' &&
        value.toLowerCase().includes("' or 1=1")
      ) {
        findings.push({ family: 'sqli', location, rule: 'sqli-tautology' });
      } else if (Array.isArray(value)) {
        value.forEach((item, index) => scan(`${location}.${index}`, item));
      } else if (typeof value === 'object' && value !== null) {
        for (const [key, item] of Object.entries(value)) {
          if (key === '$where') {
            findings.push({
              family: 'nosql_injection',
              location: `${location}.${key}`,
              rule: 'nosql-operator',
            });
          }
          scan(`${location}.${key}`, item);
        }
      }
    };
    scan('path', input.path);
    scan('query', input.query);
    scan('header', input.headers);
    scan('cookie', input.cookies);
    if (input.body !== undefined) scan('body', input.body);
    return findings.filter(
      (finding) =>
        options?.families === undefined ||
        options.families.includes(finding.family),
    );
  }
  return { calls, inspectRequest };
}

function attackFilter(
  options: Parameters<typeof createAttackFilter>[0],
  inspector = fakeInspector(),
): Filter {
  const filter = createAttackFilter(options, {
    inspectRequest: inspector.inspectRequest,
  });
  assert.ok(filter, 'the filter was not created');
  return filter;
}

function check(filter: Filter, view: RequestView): Verdict | undefined {
  return filter.check(view) as Verdict | undefined;
}

const INJECTION = "1' OR 1=1 --";

describe('attack filter', () => {
  it('is off by default', () => {
    const inspector = fakeInspector();
    assert.equal(
      createAttackFilter({}, { inspectRequest: inspector.inspectRequest }),
      undefined,
    );
  });

  it('stays off without inspectRequest', () => {
    const capture = new DiagCapture();
    capture.install();
    try {
      const filter = createAttackFilter(
        { mode: 'block' },
        { loadInspectRequest: () => undefined },
      );
      assert.equal(filter, undefined);
    } finally {
      capture.uninstall();
    }
    assert.equal(capture.warnings.length, 1);
    assert.ok(capture.warnings[0].includes('no inspectRequest'));
  });

  it('runs at both stages', () => {
    const filter = attackFilter({ mode: 'monitor' });
    assert.deepEqual(filter.stages, ['headers', 'body']);
    assert.equal(filter.mode, 'monitor');
    assert.equal(filter.name, 'attacks');
  });

  it('blocks a finding in the query', () => {
    const filter = attackFilter({ mode: 'block' });
    const url = `/search?q=${encodeURIComponent(INJECTION)}`;
    const verdict = expectBlock(check(filter, makeView(url)));
    assert.equal(verdict.status, 403);
    assert.equal(verdict.rule, 'sqli-tautology');
    assert.equal(verdict.reason, 'sqli detected in query.q');
  });

  it('keeps the attack text out of the reason', () => {
    const filter = attackFilter({ mode: 'block' });
    const view = makeView('/', { cookies: { session: INJECTION } });
    const verdict = expectBlock(check(filter, view));
    assert.ok(verdict.reason !== undefined);
    assert.ok(!verdict.reason.includes('1=1'), verdict.reason);
  });

  it('allows clean requests', () => {
    const filter = attackFilter({ mode: 'block' });
    assert.equal(check(filter, makeView('/search?q=shoes')), undefined);
  });

  it('inspects path, query, headers and cookies at the headers stage', () => {
    const inspector = fakeInspector();
    const filter = attackFilter({ mode: 'block' }, inspector);
    const view = makeView('/a?x=1', {
      headers: { 'user-agent': 'test', cookie: 'sid=1' },
      cookies: { sid: '1' },
    });
    check(filter, view);
    assert.equal(inspector.calls.length, 1);
    const { input } = inspector.calls[0];
    assert.equal(input.path, '/a');
    assert.deepEqual(input.query, { x: '1' });
    assert.deepEqual(input.headers, { 'user-agent': 'test' });
    assert.deepEqual(input.cookies, { sid: '1' });
    assert.equal(input.body, undefined);
  });

  it('inspects only the body at the body stage', () => {
    const inspector = fakeInspector();
    const filter = attackFilter({ mode: 'block' }, inspector);
    const body = { filter: { $where: 'sleep(1000)' } };
    const view = makeView(`/a?q=${encodeURIComponent(INJECTION)}`, {
      stage: 'body',
      headers: { 'x-test': INJECTION },
      body,
      bodyText: JSON.stringify(body),
    });
    const verdict = expectBlock(check(filter, view));
    assert.equal(verdict.rule, 'nosql-operator');
    const { input } = inspector.calls[0];
    assert.equal(input.path, '');
    assert.deepEqual(input.query, {});
    assert.deepEqual(input.headers, {});
    assert.deepEqual(input.cookies, {});
    assert.deepEqual(input.body, body);
    assert.equal(input.bodyText, JSON.stringify(body));
  });

  it('skips the body stage without a body', () => {
    const inspector = fakeInspector();
    const filter = attackFilter({ mode: 'block' }, inspector);
    assert.equal(check(filter, makeView('/', { stage: 'body' })), undefined);
    assert.equal(inspector.calls.length, 0);
  });

  it('passes the configured families', () => {
    const inspector = fakeInspector();
    const filter = attackFilter(
      { mode: 'block', families: ['nosql_injection'] },
      inspector,
    );
    const url = `/search?q=${encodeURIComponent(INJECTION)}`;
    assert.equal(check(filter, makeView(url)), undefined);
    assert.deepEqual(inspector.calls[0].options, {
      families: ['nosql_injection'],
    });
  });

  it('skips excluded paths and headers', () => {
    const inspector = fakeInspector();
    const filter = attackFilter(
      { mode: 'block', exclude: ['/webhooks/*', 'X-Signature'] },
      inspector,
    );
    const hook = `/webhooks/github?q=${encodeURIComponent(INJECTION)}`;
    assert.equal(check(filter, makeView(hook)), undefined);
    assert.equal(
      check(
        filter,
        makeView('/%77ebhooks/../webhooks/x', {
          stage: 'body',
          body: { $where: '1' },
        }),
      ),
      undefined,
    );
    assert.equal(inspector.calls.length, 0);
    const signed = makeView('/api', { headers: { 'x-signature': INJECTION } });
    assert.equal(check(filter, signed), undefined);
    const other = makeView('/api', { headers: { 'x-other': INJECTION } });
    assert.equal(expectBlock(check(filter, other)).rule, 'sqli-tautology');
  });

  it('counts further findings in the reason', () => {
    const filter = attackFilter({ mode: 'block' });
    const view = makeView('/', { cookies: { a: INJECTION, b: INJECTION } });
    assert.equal(
      expectBlock(check(filter, view)).reason,
      'sqli detected in cookie.a and 1 more findings',
    );
  });

  it('describes locations by plain names only', () => {
    assert.equal(describeLocation('query.q'), 'query.q');
    assert.equal(describeLocation('body.items.0.name'), 'body.items.0.…');
    assert.equal(describeLocation('body.items[0].name'), 'body.items[0].name');
    assert.equal(describeLocation('query.user[$ne]'), 'query.user[$ne]');
    assert.equal(describeLocation('path'), 'path');
    assert.equal(
      describeLocation('body.sk_live_4eC39HqLyjWDarjtT1zdp7dc.x'),
      'body.*.x',
    );
    assert.equal(describeLocation('header.x api key'), 'header.*');
  });
});
