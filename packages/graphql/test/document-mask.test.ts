import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as graphql from 'graphql';
import { maskDocument, rememberParsedDocument } from '../src/document-mask';

const language = { visit: graphql.visit, print: graphql.print };

function masked(source: string, maxLength = 10_000) {
  const result = maskDocument(graphql.parse(source), language, maxLength);
  assert.ok(result);
  return result;
}

describe('maskDocument', () => {
  it('masks strings and numbers', () => {
    const { text } = masked(
      '{ a(s: "secret", i: 42, f: 1.5e3, b: """block text""") }',
    );
    assert.equal(text, '{\n  a(s: "***", i: "***", f: "***", b: "***")\n}');
  });

  it('keeps enums, booleans, nulls and variables', () => {
    const { text } = masked(
      'query Q($v: Int = 7) { a(e: RED, t: true, n: null, v: $v) }',
    );
    assert.equal(
      text,
      'query Q($v: Int = "***") {\n  a(e: RED, t: true, n: null, v: $v)\n}',
    );
  });

  it('masks literals inside lists and objects', () => {
    const { text } = masked('{ a(l: [1, "x"], o: {k: "v", n: {m: 2}}) }');
    assert.equal(
      text,
      '{\n  a(l: ["***", "***"], o: {k: "***", n: {m: "***"}})\n}',
    );
  });

  it('collects the literal values', () => {
    const { literals } = masked('{ a(s: "secret", i: 42) }');
    assert.deepEqual([...literals].sort(), ['42', 'secret']);
  });

  it('cuts long documents', () => {
    const result = masked('{ alpha beta gamma }', 10);
    assert.equal(result.text, '{\n  alpha\n');
    assert.equal(result.truncated, true);
  });

  it('caches per document and limit', () => {
    const document = graphql.parse('{ a(s: "x") }');
    const first = maskDocument(document, language, 100);
    assert.equal(maskDocument(document, language, 100), first);
    assert.notEqual(maskDocument(document, language, 5), first);
  });

  it('returns nothing without graphql loaded', () => {
    const document = graphql.parse('{ a }');
    assert.equal(maskDocument(document, {}, 100), undefined);
  });

  it('shares the mask of parsed documents with the same text', () => {
    const source = '{ shared(s: "first-secret") }';
    const first = graphql.parse(source);
    const second = graphql.parse(source);
    rememberParsedDocument(first, source);
    rememberParsedDocument(second, new graphql.Source(source));
    const firstMask = maskDocument(first, language, 10_000);
    assert.equal(maskDocument(second, language, 10_000), firstMask);
  });

  it('masks a changed document by its own content', () => {
    const source = '{ changed(s: "kept-text") }';
    const parsed = graphql.parse(source);
    rememberParsedDocument(parsed, source);
    assert.ok(maskDocument(parsed, language, 10_000));
    // A copy made by a transform keeps the source location of the original.
    const transformed = graphql.visit(parsed, {
      StringValue: () => ({
        kind: graphql.Kind.STRING,
        value: 'added-secret',
      }),
    });
    const result = maskDocument(transformed, language, 10_000);
    assert.ok(result?.literals.has('added-secret'));
    assert.ok(!result?.literals.has('kept-text'));
  });
});
