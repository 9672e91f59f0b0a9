import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rulesFor } from './helpers';

interface Technique {
  name: string;
  /** Payloads of the technique in several dialects, spacings and cases. */
  attacks: Array<[string, string]>;
  /** Ordinary values that look like the technique and must stay clean. */
  benign: string[];
}

const TECHNIQUES: Technique[] = [
  {
    name: 'tautology after a comma',
    attacks: [
      ['b,1=1', 'sqli.tautology'],
      ['name, 2 = 2', 'sqli.tautology'],
      ["id,'a'='a'", 'sqli.tautology'],
      ['col,(7 LIKE 7))', 'sqli.tautology'],
      ['x,1 <> 2', 'sqli.tautology'],
      ['price,3 IS 3', 'sqli.tautology'],
      ['b,$$k$$=$$k$$', 'sqli.tautology'],
    ],
    benign: [
      'a,b=c',
      'x=1,y=1',
      'sort=name,1',
      '1,000 = 1,000 units',
      'width=2,height=3',
      '{"a":1,"b":2}',
      'red, green = 2 colours',
    ],
  },
  {
    name: 'comparisons written in words',
    attacks: [
      ['1 is not 2', 'sqli.tautology'],
      ['5 IS 5', 'sqli.tautology'],
      ['3 is  not\t4', 'sqli.tautology'],
      ['2 IS NOT DISTINCT FROM 2', 'sqli.tautology'],
      ['1 is distinct from 2', 'sqli.tautology'],
      ['1 is/**/not/**/2', 'sqli.tautology'],
      ["'1' not regexp '2'", 'sqli.tautology'],
      ["'a' NOT LIKE 'b'", 'sqli.tautology'],
      ['7 not rlike 8', 'sqli.tautology'],
      ["x' or 1 is not 2--", 'sqli.string_breakout'],
      ["x' AND 'a' NOT GLOB 'b", 'sqli.string_breakout'],
      ['1 or 1 is 1', 'sqli.tautology'],
      ["x' IS NOT NULL--", 'sqli.string_breakout'],
    ],
    benign: [
      'this is not good',
      'The answer is not 2',
      'and that is that',
      'It is what it is, and that is that.',
      "Don't is not a word",
      'Size 5 is not available',
      'not like the other one',
      '1 is not enough',
      "'a' not like 'a'",
    ],
  },
  {
    name: 'function calls cast to a type',
    attacks: [
      ["starts_with(password,'a')::int", 'sqli.function'],
      [
        '...(json_build_object(1,password)::jsonb)::int',
        'sqli.cast_expression',
      ],
      ["has_role(name, 'admin')::bool", 'sqli.cast_expression'],
      ['MY_FUNC(1, name) :: TEXT', 'sqli.cast_expression'],
      ["1 or left(pass,1)::text='a'", 'sqli.tautology'],
    ],
    benign: [
      'std::vector(3)::iterator',
      'Foo(bar)::new',
      'fe80::1',
      'note (see below)::text',
      'ratio (3:2)',
    ],
  },
  {
    name: 'functions of blind injection',
    attacks: [
      [", FIND_IN_SET('22', Category )", 'sqli.function'],
      ["1 and strcmp(substr(pass,1,1),'a')", 'sqli.function'],
      ["x' or charindex('a', name)>0--", 'sqli.string_breakout'],
      ["1 AND REGEXP_LIKE(user, '^a')", 'sqli.function'],
      ['id=json_object(1,2)', 'sqli.function'],
    ],
    benign: [
      'find in set (3 of 5)',
      'array agg',
      'the printf (format) docs',
      'typeof value',
    ],
  },
  {
    name: 'PostgreSQL dollar quoting',
    attacks: [
      [
        'overlay(password placing $$$$ from 1)::int and id=1',
        'sqli.cast_expression',
      ],
      ['$$a$$=$$a$$', 'sqli.tautology'],
      ['$q$x$q$ = $q$x$q$', 'sqli.tautology'],
      ['1 or $$a$$ = $$a$$', 'sqli.tautology'],
      ['$tag$1$tag$::int + 1', 'sqli.cast_expression'],
    ],
    benign: [
      '$$ cheap $$',
      'prices $$ vs $$$',
      '$5 or $6',
      'Costs $10 - $20',
      'USD$5',
      '$HOME/$USER',
      'a$$b$$ = c',
    ],
  },
  {
    name: 'bind parameters after a breakout',
    attacks: [
      ["a'or?--", 'sqli.string_breakout'],
      ["user'and id is not?--", 'sqli.string_breakout'],
      ["x' OR ?1--", 'sqli.string_breakout'],
      ["x' or :id--", 'sqli.string_breakout'],
      ["x' and name = ? --", 'sqli.string_breakout'],
      ['x" or ? = ? --', 'sqli.string_breakout'],
      ['1 or 1=?', 'sqli.tautology'],
    ],
    benign: [
      "what's up?",
      "isn't it? or not?",
      'Really?! or no?',
      'Is it 5 or 6?',
      'Which is better, 1 or 2?',
      "it's 10:30 or later",
      "'{\"a\":1}' ? 'a'",
      'https://example.com/?q=1',
    ],
  },
  {
    name: 'escaped quote before a breakout',
    attacks: [
      ['\\"or"1', 'sqli.string_breakout'],
      ["foo\\''or'oof", 'sqli.string_breakout'],
      ["x\\' OR 'y", 'sqli.string_breakout'],
      ['\\" AND "1', 'sqli.string_breakout'],
      ['\\"or"1"="1', 'sqli.string_breakout'],
      ["bar\\'' || '1", 'sqli.string_breakout'],
    ],
    benign: [
      '{\\"a\\":\\"b\\"}',
      'he said \\"yes\\" or \\"no\\"',
      'C:\\Program Files\\App',
      "O\\'Brien",
      'a \\" b',
      '16" or 18"',
    ],
  },
  {
    name: 'comments between a function and its bracket',
    attacks: [
      [
        "SELECT id FROM users WHERE id=JsoN_EXTraCT/**/(/**/'{\"a\":1}'/**/,/**/'$.a'/**/);",
        'sqli.function',
      ],
      ['1 and version/**/()', 'sqli.function'],
      ['1 AND SLEEP/*x*/(5)', 'sqli.function'],
      ['1 and sleep--\n(5)', 'sqli.function'],
      ['1 and sleep#\n(5)', 'sqli.function'],
      ['x=BENCHMARK /**/ (1000,md5(1))', 'sqli.function'],
    ],
    benign: [
      'version /* 2 */ notes',
      'sleep -- (8 hours)',
      'left # (see below)',
    ],
  },
  {
    name: 'definition statements after punctuation',
    attacks: [
      ['/CREATE TABLE Persons', 'sqli.stacked_query'],
      [')drop table users', 'sqli.stacked_query'],
      ['*/ CREATE VIEW v AS', 'sqli.stacked_query'],
      ['.ALTER TABLE t ADD x int', 'sqli.stacked_query'],
      ['/drop table if exists t', 'sqli.stacked_query'],
      ['/create table t (id int)', 'sqli.stacked_query'],
      ['DROP DATABASE shop', 'sqli.stacked_query'],
    ],
    benign: [
      '/create-table/persons',
      '/create/table',
      '/createTable',
      '/create table for 4',
      '- Create table of contents',
      'Create table of contents',
      'drop table for now',
      '/drop view',
    ],
  },
];

describe('sqli techniques', () => {
  for (const technique of TECHNIQUES) {
    describe(technique.name, () => {
      for (const [value, rule] of technique.attacks) {
        it(`reports ${JSON.stringify(value)}`, () => {
          assert.deepEqual(rulesFor(value, 'sqli'), [rule]);
        });
      }
      for (const value of technique.benign) {
        it(`leaves ${JSON.stringify(value)} alone`, () => {
          assert.deepEqual(rulesFor(value, 'sqli'), []);
        });
      }
    });
  }
});
