import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rulesFor } from './helpers';

interface Technique {
  name: string;
  /** Payloads of the technique in several spellings and encodings. */
  attacks: Array<[string, string]>;
  /** Ordinary values that look like the technique and must stay clean. */
  benign: string[];
}

const TECHNIQUES: Technique[] = [
  {
    name: 'namespaced tags with an empty prefix',
    attacks: [
      ['<:vmlframe src=x>', 'xss.active_tag'],
      ['%3C%3Avmlframe%20src%3D', 'xss.active_tag'],
      ['< :VMLFRAME', 'xss.active_tag'],
      ['<:script>alert(1)</:script>', 'xss.active_tag'],
      ['</:iframe>', 'xss.active_tag'],
      ['<v:vmlframe src="x.vml#a">', 'xss.active_tag'],
    ],
    benign: [
      'a <: b',
      'T <: Comparable[T]',
      '<:) smile',
      'ratio <:2',
      '<: framework',
    ],
  },
  {
    name: 'JSFuck-style code',
    attacks: [
      ['(![]+[])[+!+[]]', 'xss.script_obfuscation'],
      ['(![] [])[ ! []]', 'xss.script_obfuscation'],
      ['( ! [ ] + [ ] ) [ + ! + [ ] ]', 'xss.script_obfuscation'],
      ['[][(![]+[])[+[]]]', 'xss.script_obfuscation'],
      ['x=(![]+[])[+[]]+(!+[]+[])[+[]]', 'xss.script_obfuscation'],
      [
        '%28%21%5B%5D%2B%5B%5D%29%5B%2B%21%2B%5B%5D%5D',
        'xss.script_obfuscation',
      ],
    ],
    benign: [
      '![]()![]()![]()',
      '![](a.png) ![](b.png) ![](c.png)',
      '- [ ] todo [ ] done [ ]',
      '[[],[],[]]',
      '{"a":[],"b":[[]],"c":[]}',
      '(!) [ ] [ ] [ ]',
      'tags: [] [] [] (none)',
      '+[] +[] +[]',
    ],
  },
];

describe('xss techniques', () => {
  for (const technique of TECHNIQUES) {
    describe(technique.name, () => {
      for (const [value, rule] of technique.attacks) {
        it(`reports ${JSON.stringify(value)}`, () => {
          assert.deepEqual(rulesFor(value, 'xss'), [rule]);
        });
      }
      for (const value of technique.benign) {
        it(`leaves ${JSON.stringify(value)} alone`, () => {
          assert.deepEqual(rulesFor(value, 'xss'), []);
        });
      }
    });
  }
});
