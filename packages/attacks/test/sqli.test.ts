import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rulesFor } from './helpers';

// Short handmade payloads, one per rule and context.
const ATTACKS: Array<[string, string]> = [
  ['1 UNION SELECT username, password FROM users', 'sqli.union'],
  ['-1 union all (select 1,2)', 'sqli.union'],
  ['1 uNiOn/**/sElEcT 1', 'sqli.union'],
  ["x'; DROP TABLE users; --", 'sqli.stacked_query'],
  ['1; exec xp_dirtree', 'sqli.stacked_query'],
  ["' OR '1'='1", 'sqli.string_breakout'],
  ["admin' or 1=1-- ", 'sqli.string_breakout'],
  ['x" or sleep(3) or "', 'sqli.string_breakout'],
  ["a' + 'b", 'sqli.string_breakout'],
  ["name'.sleep(9).'", 'sqli.string_breakout'],
  ["admin'--", 'sqli.comment_truncation'],
  ["admin')#", 'sqli.comment_truncation'],
  ['1 or 1=1', 'sqli.tautology'],
  ['7 AND 3-3=0', 'sqli.tautology'],
  ['-5 or 9=(select 9)', 'sqli.tautology'],
  ['2=2', 'sqli.tautology'],
  ["'q' like 'q'", 'sqli.tautology'],
  ['benchmark(10000,md5(1))', 'sqli.function'],
  ['1 and ascii(substring(user(),1,1))>64', 'sqli.tautology'],
  ['x=1 and updatexml(1,concat(0x7e,version()),1)', 'sqli.function'],
  ['sleep(4)', 'sqli.function'],
  ['(select id from accounts limit 1)', 'sqli.select'],
  ['select 0x41', 'sqli.select'],
  ['9 order by 12--', 'sqli.order_by'],
  ['5 group by 3', 'sqli.order_by'],
  ['1 /*!50000union*/ 2', 'sqli.executable_comment'],
  ['@@hostname', 'sqli.system_variable'],
  ['x from information_schema.columns', 'sqli.system_object'],
  ["1 into outfile '/tmp/x'", 'sqli.file_write'],
  ["1;waitfor delay '0:0:5'", 'sqli.stacked_query'],
  ["1 waitfor delay '0:0:5'", 'sqli.time_delay'],
  ['( 7 * 3 ) --', 'sqli.commented_expression'],
  [') AS total FROM', 'sqli.alias_from'],
  ['` AS `total` from', 'sqli.alias_from'],
  ["1 or '{\"a\":1}'::jsonb @> '{}'", 'sqli.tautology'],
  ["or '{\"a\":1}' ?| array['a']", 'sqli.tautology'],
  ["'[1,2]'::jsonb #- '{1}'", 'sqli.cast_expression'],
  ["'x'!='y", 'sqli.tautology'],
  ["owner@example.com';", 'sqli.string_breakout'],
  ['select pg_sleep', 'sqli.select'],
  ['CREATE FUNCTION f (x INT) RETURNS INT', 'sqli.stacked_query'],
  ["EXECUTE IMMEDIATE 'x'", 'sqli.stacked_query'],
  ['1; REPLACE t (id) VALUES (1)', 'sqli.stacked_query'],
  ["x' or glob ('a*', name)", 'sqli.string_breakout'],
  ["x' and like('a%', name)", 'sqli.string_breakout'],
  ["overlay(secret placing 'z' from 2 for 1)", 'sqli.function'],
  ['substring(token from 1 for 3)::text', 'sqli.function'],
  ["trim(leading '0' from code)", 'sqli.function'],
  ['owner@example.com`;', 'sqli.string_breakout'],
  ['UPDATE accounts SET role=1;--', 'sqli.stacked_query'],
  ['delete from sessions; #', 'sqli.stacked_query'],
  ["'{\"k\":[1]}' -> '$.k[0]' = 1", 'sqli.tautology'],
  ["'a' < 'b' = 1", 'sqli.tautology'],
];

// Look-alikes that an SQL detector must leave alone.
const BENIGN: string[] = [
  "O'Brien",
  "Rock 'n' roll",
  "it's 5 o'clock",
  "Don't select the red one or the blue one",
  'Please select a size from the list',
  'union members and their families',
  'Drop me a line; update me later',
  '1-1',
  '3 + 4 * 2',
  '2024-06-01',
  'the order by date is fine',
  'Where is the library?',
  'A or B',
  'necklace 16" or 18"',
  'Tom & Jerry',
  'SELECT',
  'user@example.com',
  '#hashtag -- note',
  'Call me (maybe)',
  'sleep (8 hours)',
  "Y'all come back now",
  'C# and F#',
  'version 2.0',
  'known as Ann from Paris',
  "LARGE COAT WITH HOOD 12';",
  'select the pg_sleep entry',
  'create a function for it',
  'replace the filter; values differ',
  '`code` as shown, from the docs',
  'count (in stock)',
  'left (for 2 days)',
  'position (in queue 3)',
  'cast (as seen on TV)',
  'replace (from 2 to 3)',
  'like (the old one)',
  'run `npm test`;',
  'Delete from cart; thanks',
  'select from the list; --',
  '1 < 2 < 3',
];

describe('sqli detector', () => {
  for (const [value, rule] of ATTACKS) {
    it(`reports ${rule} for ${JSON.stringify(value)}`, () => {
      assert.deepEqual(rulesFor(value, 'sqli'), [rule]);
    });
  }

  for (const value of BENIGN) {
    it(`leaves ${JSON.stringify(value)} alone`, () => {
      assert.deepEqual(rulesFor(value, 'sqli'), []);
    });
  }

  it('decodes URL encoding twice, not three times', () => {
    const once = encodeURIComponent("' OR '1'='1");
    const twice = encodeURIComponent(once);
    const thrice = encodeURIComponent(twice);
    assert.equal(rulesFor(once, 'sqli').length, 1);
    assert.equal(rulesFor(twice, 'sqli').length, 1);
    assert.deepEqual(rulesFor(thrice, 'sqli'), []);
  });

  it('reads + as a space in form-encoded values', () => {
    assert.deepEqual(rulesFor('1+union+select+1', 'sqli'), ['sqli.union']);
  });
});
