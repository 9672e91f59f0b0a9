import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { HttpViewSettings } from '../../src';
import { HttpRequestView, RequestFacts, createBlockingEngine } from '../../src';

const engine = createBlockingEngine();
const settings: HttpViewSettings = {
  identify: (peer, headers) => engine.identify(peer, headers),
  graphqlPaths: new Set(['/graphql']),
};

function facts(
  url: string,
  headers: Record<string, string> = {},
): RequestFacts {
  const request = {
    url,
    method: 'post',
    headers,
    socket: { remoteAddress: '::ffff:192.0.2.1' },
  } as unknown as IncomingMessage;
  return new RequestFacts(request, settings);
}

void describe('http request view', () => {
  void it('decodes path and query', () => {
    const view = new HttpRequestView(
      facts('/a%20b/%E2%82%AC?x=1&x=2&y=%3Cs%3E&__proto__=p'),
      'headers',
    );
    assert.equal(view.method, 'POST');
    assert.equal(view.path, '/a b/€');
    assert.deepEqual(view.query.x, ['1', '2']);
    assert.equal(view.query.y, '<s>');
    assert.equal(Object.getPrototypeOf(view.query), null);
    assert.equal(view.query.__proto__, 'p');
    assert.equal(view.clientIp, '192.0.2.1');
  });

  void it('keeps undecodable path raw', () => {
    const view = new HttpRequestView(facts('/bad%E0%A4%A'), 'headers');
    assert.equal(view.path, '/bad%E0%A4%A');
  });

  void it('reads absolute-form targets', () => {
    const view = new HttpRequestView(
      facts('http://example.test/p?q=1'),
      'headers',
    );
    assert.equal(view.path, '/p');
    assert.equal(view.query.q, '1');
  });

  void it('parses cookies', () => {
    const view = new HttpRequestView(
      facts('/', { cookie: 'sid=abc; theme=dark%20mode' }),
      'headers',
    );
    assert.deepEqual({ ...view.cookies }, { sid: 'abc', theme: 'dark mode' });
  });

  void it('view and parts are read-only', () => {
    const view = new HttpRequestView(facts('/?a=1', { 'x-a': '1' }), 'body', {
      bytes: Buffer.from('{"n":{"m":[1]}}'),
      contentType: 'application/json',
      contentEncoding: undefined,
      maxDecodedBytes: 1024,
    });
    assert.ok(Object.isFrozen(view));
    assert.ok(Object.isFrozen(view.headers));
    assert.ok(Object.isFrozen(view.query));
    const body = view.body as { n: { m: number[] } };
    assert.ok(Object.isFrozen(body.n.m));
    assert.throws(() => {
      (view as { path: string }).path = '/other';
    }, TypeError);
  });

  void it('decodes charset and encoding', () => {
    const latin = new HttpRequestView(facts('/'), 'body', {
      bytes: Buffer.from([0x63, 0x61, 0x66, 0xe9]),
      contentType: 'text/plain; charset=iso-8859-1',
      contentEncoding: undefined,
      maxDecodedBytes: 1024,
    });
    assert.equal(latin.bodyText, 'café');
    const bomb = new HttpRequestView(facts('/'), 'body', {
      bytes: gzipSync(Buffer.alloc(1_000_000)),
      contentType: 'text/plain',
      contentEncoding: 'gzip',
      maxDecodedBytes: 1000,
    });
    // The decoded text stops at the limit instead of growing to 1 MB.
    const length = bomb.bodyText?.length ?? 0;
    assert.ok(length > 0, 'some text was decoded');
    assert.ok(length <= 1000, `decoded ${length} characters`);
  });

  void it('detects graphql by path or type', () => {
    assert.equal(
      new HttpRequestView(facts('/graphql'), 'headers').protocol,
      'graphql',
    );
    const typed = facts('/api', { 'content-type': 'application/graphql' });
    assert.equal(new HttpRequestView(typed, 'headers').protocol, 'graphql');
    assert.equal(
      new HttpRequestView(facts('/api'), 'headers').protocol,
      'http',
    );
  });

  void it('graphql GET operation from query', () => {
    const query = encodeURIComponent('mutation Go { go }');
    const view = new HttpRequestView(
      facts(`/graphql?query=${query}`),
      'headers',
    );
    assert.deepEqual({ ...view.graphql }, { operationType: 'mutation' });
  });

  void it('graphql body fields', () => {
    const view = new HttpRequestView(facts('/graphql'), 'body', {
      bytes: Buffer.from('{"query":"{ a }","variables":{"v":1},"extra":2}'),
      contentType: 'application/json',
      contentEncoding: undefined,
      maxDecodedBytes: 1024,
    });
    assert.deepEqual(
      { ...(view.body as object) },
      { query: '{ a }', variables: { v: 1 } },
    );
    assert.equal(view.graphql?.operationType, 'query');
  });
});
