import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspectRequest } from '../src';
import { emptyRequest, rulesFor } from './helpers';

function bodyFindings(body: unknown): string[] {
  return inspectRequest({ ...emptyRequest(), body }).map(
    (finding) => `${finding.rule}@${finding.location}`,
  );
}

describe('nosql operator keys', () => {
  it('reports $ne in a JSON body', () => {
    assert.deepEqual(bodyFindings({ user: 'ann', pass: { $ne: null } }), [
      'nosql_injection.operator_key@body.pass.$ne',
    ]);
  });

  it('reports $where deep in arrays', () => {
    assert.deepEqual(bodyFindings({ a: [{ b: [{ $where: 'x' }] }] }), [
      'nosql_injection.operator_key@body.a[0].b[0].$where',
    ]);
  });

  it('reports operators in query names', () => {
    const findings = inspectRequest({
      ...emptyRequest(),
      query: { 'user[$ne]': 'x', 'age[$gt]': '1' },
    });
    assert.deepEqual(
      findings.map((finding) => finding.rule),
      ['nosql_injection.operator_key', 'nosql_injection.operator_key'],
    );
  });

  it('reports operators in JSON text', () => {
    assert.deepEqual(rulesFor('{"password": {"$gt": ""}}', 'nosql_injection'), [
      'nosql_injection.operator_in_json',
    ]);
  });

  it('leaves Mongo-looking harmless keys alone', () => {
    assert.deepEqual(
      bodyFindings({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: 'x',
        $ref: '#/a',
        price: '$5',
        note: 'costs $ne',
        ne: 1,
      }),
      [],
    );
  });
});

describe('prototype pollution keys', () => {
  it('reports __proto__ parsed by JSON.parse', () => {
    const body: unknown = JSON.parse('{"a":{"__proto__":{"admin":true}}}');
    assert.deepEqual(bodyFindings(body), [
      'prototype_pollution.proto_key@body.a.__proto__',
    ]);
  });

  it('reports constructor.prototype nesting', () => {
    assert.deepEqual(bodyFindings({ constructor: { prototype: { x: 1 } } }), [
      'prototype_pollution.constructor_prototype@body.constructor',
    ]);
  });

  it('reports bracketed and dotted query names', () => {
    for (const name of [
      'a[__proto__][admin]',
      '__proto__.admin',
      'a[constructor][prototype][x]',
      'constructor.prototype.x',
    ]) {
      const findings = inspectRequest({
        ...emptyRequest(),
        query: { [name]: '1' },
      });
      assert.equal(findings.length, 1, name);
      assert.equal(findings[0]?.family, 'prototype_pollution', name);
    }
  });

  it('reports a __proto__ key in unparsed JSON text', () => {
    const findings = inspectRequest({
      ...emptyRequest(),
      bodyText: '{"__proto__": {"polluted": 1}}',
    });
    assert.deepEqual(
      findings.map((finding) => finding.rule),
      ['prototype_pollution.proto_key'],
    );
  });

  it('leaves words that mention prototypes alone', () => {
    assert.deepEqual(
      bodyFindings({
        constructor: 'Bob the builder',
        prototype: 'v2 prototype board',
        text: 'the constructor of a prototype',
      }),
      [],
    );
  });
});
