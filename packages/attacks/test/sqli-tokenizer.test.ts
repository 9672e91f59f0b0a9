import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tokenize } from '../src/sqli/tokenizer';
import type { SqlContext } from '../src/sqli/tokens';

/** Returns `kind:text` for each token of `input` read in `quote`. */
function tokensOf(input: string, quote: SqlContext = ''): string[] {
  return tokenize(input, quote).code.map(
    (token) => `${token.kind}:${token.text}`,
  );
}

describe('sqli tokenizer', () => {
  it('reads dollar-quoted strings', () => {
    assert.deepEqual(tokensOf('$$a b$$=$q$c$q$'), [
      'string:a b',
      'compare:=',
      'string:c',
    ]);
  });

  it('reads an unclosed dollar quote as a name', () => {
    assert.deepEqual(tokensOf('$$ cheap'), ['word:$$', 'word:cheap']);
  });

  it('reads $5 as a name, not a dollar quote', () => {
    assert.deepEqual(tokensOf('$5 or $5'), ['word:$5', 'logic:or', 'word:$5']);
  });

  it('reads bind parameters where an operand is expected', () => {
    assert.deepEqual(tokensOf('id = ? or ?2 and :name'), [
      'word:id',
      'compare:=',
      'variable:?',
      'logic:or',
      'variable:?2',
      'logic:and',
      'variable::name',
    ]);
  });

  it('reads ? that ends a question as punctuation', () => {
    assert.deepEqual(tokensOf('5 or 6?'), [
      'number:5',
      'logic:or',
      'number:6',
      'other:?',
    ]);
  });

  it('reads ? after an operand as a JSON operator', () => {
    assert.deepEqual(tokensOf("doc ? 'k'"), [
      'word:doc',
      'compare:?',
      'string:k',
    ]);
  });

  it('keeps :: as a cast, not a bind parameter', () => {
    assert.deepEqual(tokensOf("'1'::int"), [
      'string:1',
      'operator:::',
      'word:int',
    ]);
  });

  it('joins comparisons written in words', () => {
    assert.deepEqual(tokensOf('1 is not 2'), [
      'number:1',
      'compare:is not',
      'number:2',
    ]);
    assert.deepEqual(tokensOf('1 IS/**/NOT DISTINCT FROM 2'), [
      'number:1',
      'compare:is not distinct from',
      'number:2',
    ]);
    assert.deepEqual(tokensOf("'a' not regexp 'b'"), [
      'string:a',
      'compare:not regexp',
      'string:b',
    ]);
  });

  it('keeps a leading NOT as a keyword', () => {
    assert.deepEqual(tokensOf('not like (x)'), [
      'keyword:not',
      'compare:like',
      'open:(',
      'word:x',
      'close:)',
    ]);
  });

  it('reads a call across a comment before its bracket', () => {
    assert.deepEqual(tokensOf('sleep/**/(1)'), [
      'function:sleep',
      'open:(',
      'number:1',
      'close:)',
    ]);
    assert.deepEqual(tokensOf('sleep--x\n(1)')[0], 'function:sleep');
  });

  it('marks a closing quote that a backslash precedes', () => {
    const [first] = tokenize('x\\"or"1', '"').code;
    assert.equal(first?.kind, 'string');
    assert.equal(first?.closed, true);
    assert.equal(first?.escaped, true);
  });

  it('reads MySQL backslash escapes on request', () => {
    const standard = tokenize("a\\''or'b", "'").code;
    const mysql = tokenize("a\\''or'b", "'", true).code;
    assert.deepEqual(
      standard.map((token) => token.kind),
      ['string', 'word'],
    );
    assert.deepEqual(
      mysql.map((token) => token.kind),
      ['string', 'logic', 'string'],
    );
  });
});
