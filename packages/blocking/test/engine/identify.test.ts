import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBlockingEngine, findOperationType } from '../../src';

function jwt(claims: object): string {
  const part = (value: object): string =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(claims)}.sig`;
}

void describe('client IP and user id', () => {
  void it('peer is the client without proxies', () => {
    const engine = createBlockingEngine();
    const identity = engine.identify('::ffff:198.51.100.7', {
      'x-forwarded-for': '203.0.113.9',
    });
    assert.equal(identity.clientIp, '198.51.100.7');
  });

  void it('x-forwarded-for through trusted proxies', () => {
    const engine = createBlockingEngine({
      trustedProxies: ['loopback', '10.0.0.0/8'],
    });
    const headers = { 'x-forwarded-for': '1.1.1.1, 203.0.113.9, 10.0.0.2' };
    assert.equal(engine.identify('127.0.0.1', headers).clientIp, '203.0.113.9');
    // An untrusted peer's header is ignored.
    assert.equal(
      engine.identify('198.51.100.1', headers).clientIp,
      '198.51.100.1',
    );
  });

  void it('forwarded header when configured', () => {
    const engine = createBlockingEngine({
      trustedProxies: ['loopback'],
      clientIpHeader: 'forwarded',
    });
    const headers = {
      forwarded: 'for="[2001:db8::7]:4711";proto=https, for=127.0.0.1',
      'x-forwarded-for': '6.6.6.6',
    };
    assert.equal(engine.identify('127.0.0.1', headers).clientIp, '2001:db8::7');
    const hidden = { forwarded: 'for=_hidden' };
    assert.equal(engine.identify('127.0.0.1', hidden).clientIp, undefined);
    const broken = { forwarded: 'for=' };
    assert.equal(engine.identify('127.0.0.1', broken).clientIp, '127.0.0.1');
  });

  void it('invalid trusted proxy reported', () => {
    const engine = createBlockingEngine({ trustedProxies: ['not-an-ip'] });
    assert.equal(engine.problems.length, 1);
    assert.match(engine.problems[0], /not-an-ip/);
  });

  void it('user id from header or jwt', () => {
    const byHeader = createBlockingEngine({ userId: { header: 'X-User' } });
    assert.equal(
      byHeader.identify(undefined, { 'x-user': ' u-1 ' }).userId,
      'u-1',
    );
    const byClaim = createBlockingEngine({ userId: { jwtClaim: 'sub' } });
    const headers = { authorization: `Bearer ${jwt({ sub: 'user-42' })}` };
    assert.equal(byClaim.identify(undefined, headers).userId, 'user-42');
    const numeric = { authorization: `Bearer ${jwt({ sub: 7 })}` };
    assert.equal(byClaim.identify(undefined, numeric).userId, '7');
    const garbage = { authorization: 'Bearer not.a-jwt' };
    assert.equal(byClaim.identify(undefined, garbage).userId, undefined);
    const inherited = { authorization: `Bearer ${jwt({})}` };
    const viaPrototype = createBlockingEngine({
      userId: { jwtClaim: 'toString' },
    });
    assert.equal(viaPrototype.identify(undefined, inherited).userId, undefined);
  });
});

void describe('graphql operation type', () => {
  const cases: Array<[string, string | undefined, string | undefined]> = [
    ['{ a }', undefined, 'query'],
    ['mutation M { a }', undefined, 'mutation'],
    ['# comment {\nsubscription S { a }', undefined, 'subscription'],
    ['fragment F on Q { a } query Q { ...F }', undefined, 'query'],
    ['query A { a(s: "mutation B") } mutation B { b }', 'B', 'mutation'],
    ['query A($v: String = "{") { a }', undefined, 'query'],
    ['query A { a }', 'Missing', undefined],
    ['"""doc { """ query Q { a }', undefined, 'query'],
  ];
  for (const [document, name, expected] of cases) {
    void it(`finds ${String(expected)} in ${JSON.stringify(document)}`, () => {
      assert.equal(findOperationType(document, name), expected);
    });
  }
});
