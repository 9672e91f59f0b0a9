import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createIpFilter } from '../../src/filters';
import type { Filter, Verdict } from '../../src/types';
import { expectBlock } from './support/verdicts';
import { makeView } from './support/views';

function checkIp(
  filter: Filter,
  clientIp: string | undefined,
): Verdict | undefined {
  const view = makeView('/', clientIp === undefined ? {} : { clientIp });
  if (clientIp === undefined) {
    const { clientIp: _dropped, ...rest } = view;
    return filter.check(rest) as Verdict | undefined;
  }
  return filter.check(view) as Verdict | undefined;
}

function ipFilter(options: Parameters<typeof createIpFilter>[0]): Filter {
  const filter = createIpFilter(options);
  assert.ok(filter, 'the filter was not created');
  return filter;
}

describe('IP filter', () => {
  it('is off by default', () => {
    assert.equal(createIpFilter(), undefined);
    assert.equal(createIpFilter({ deny: ['10.0.0.0/8'] }), undefined);
  });

  it('carries its mode and stage', () => {
    const filter = ipFilter({ mode: 'monitor', deny: ['10.0.0.0/8'] });
    assert.equal(filter.name, 'ip');
    assert.equal(filter.mode, 'monitor');
    assert.deepEqual(filter.stages, ['headers']);
  });

  it('blocks IPv4 addresses in a denied range', () => {
    const filter = ipFilter({
      mode: 'block',
      deny: ['10.0.0.0/8', '192.0.2.7'],
    });
    const verdict = checkIp(filter, '10.20.30.40');
    assert.equal(verdict?.action, 'block');
    assert.equal(verdict.status, 403);
    assert.equal(verdict.rule, 'deny 10.0.0.0/8');
    assert.equal(checkIp(filter, '192.0.2.7')?.action, 'block');
    assert.equal(checkIp(filter, '192.0.2.8'), undefined);
    assert.equal(checkIp(filter, '11.0.0.1'), undefined);
  });

  it('keeps the client IP out of the reason', () => {
    const filter = ipFilter({ mode: 'block', deny: ['10.0.0.0/8'] });
    const verdict = checkIp(filter, '10.20.30.40');
    assert.ok(verdict?.action === 'block');
    assert.ok(verdict.reason !== undefined);
    assert.ok(!verdict.reason.includes('10.20.30.40'), verdict.reason);
  });

  it('blocks IPv6 addresses in a denied range', () => {
    const filter = ipFilter({
      mode: 'block',
      deny: ['2001:db8:abcd::/48', '2001:db8::1'],
    });
    assert.equal(checkIp(filter, '2001:db8:abcd:12::5')?.action, 'block');
    assert.equal(
      checkIp(filter, '2001:0db8:0000:0000:0000:0000:0000:0001')?.action,
      'block',
    );
    assert.equal(checkIp(filter, '2001:db8:abce::1'), undefined);
  });

  it('matches IPv4-mapped IPv6 clients against IPv4 rules', () => {
    const filter = ipFilter({ mode: 'block', deny: ['10.0.0.0/8'] });
    assert.equal(checkIp(filter, '::ffff:10.0.0.1')?.action, 'block');
    assert.equal(checkIp(filter, '::ffff:a00:1')?.action, 'block');
    assert.equal(checkIp(filter, '::ffff:11.0.0.1'), undefined);
  });

  it('reads IPv4-mapped ranges as IPv4 ranges', () => {
    const filter = ipFilter({ mode: 'block', deny: ['::ffff:10.1.0.0/112'] });
    assert.equal(checkIp(filter, '10.1.200.3')?.action, 'block');
    assert.equal(checkIp(filter, '10.2.0.1'), undefined);
  });

  it('blocks clients outside a non-empty allow list', () => {
    const filter = ipFilter({
      mode: 'block',
      allow: ['192.168.0.0/16', '2001:db8::/32'],
    });
    assert.equal(checkIp(filter, '192.168.4.4'), undefined);
    assert.equal(checkIp(filter, '2001:db8:1::1'), undefined);
    const outside = checkIp(filter, '8.8.8.8');
    assert.equal(outside?.action, 'block');
    assert.equal(outside.rule, 'not-allowed');
    assert.equal(checkIp(filter, '2001:db9::1')?.action, 'block');
  });

  it('lets deny win over allow', () => {
    const filter = ipFilter({
      mode: 'block',
      allow: ['10.0.0.0/8'],
      deny: ['10.6.6.0/24'],
    });
    assert.equal(checkIp(filter, '10.1.1.1'), undefined);
    assert.equal(
      expectBlock(checkIp(filter, '10.6.6.6')).rule,
      'deny 10.6.6.0/24',
    );
  });

  it('allows requests without a client IP in block mode', () => {
    const filter = ipFilter({ mode: 'block', allow: ['10.0.0.0/8'] });
    assert.equal(checkIp(filter, undefined), undefined);
    assert.equal(checkIp(filter, 'not-an-ip'), undefined);
  });

  it('records a missing client IP in monitor mode', () => {
    const filter = ipFilter({ mode: 'monitor', allow: ['10.0.0.0/8'] });
    const verdict = checkIp(filter, undefined);
    assert.equal(verdict?.action, 'block');
    assert.equal(verdict.rule, 'unknown-client-ip');
  });

  it('ignores invalid entries and keeps the valid ones', () => {
    const filter = ipFilter({
      mode: 'block',
      deny: ['10.0.0.0/33', 'bogus', '010.0.0.1', '172.16.0.0/12'],
    });
    assert.equal(checkIp(filter, '172.20.1.1')?.action, 'block');
    assert.equal(checkIp(filter, '10.0.0.1'), undefined);
    assert.equal(checkIp(filter, '8.0.0.1'), undefined);
  });

  it('matches everything with /0 ranges', () => {
    const filter = ipFilter({ mode: 'block', deny: ['0.0.0.0/0', '::/0'] });
    assert.equal(checkIp(filter, '1.2.3.4')?.action, 'block');
    assert.equal(checkIp(filter, '2001:db8::1')?.action, 'block');
  });

  it('ignores IPv6 zone identifiers', () => {
    const filter = ipFilter({ mode: 'block', deny: ['fe80::/10'] });
    assert.equal(checkIp(filter, 'fe80::1%eth0')?.action, 'block');
  });
});
