import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rulesFor } from './helpers';

const ATTACKS: Array<[string, string]> = [
  ['<script>alert(1)</script>', 'xss.active_tag'],
  ['< ScRiPt src=//x.example>', 'xss.active_tag'],
  ['<svg/onload=alert(1)>', 'xss.active_tag'],
  ['<iframe src="javascript:alert(1)">', 'xss.active_tag'],
  ['<img src=x onerror=alert(1)>', 'xss.event_handler'],
  ['<b/onmouseover="go()">', 'xss.event_handler'],
  ['&lt;img src=x onerror=alert(1)&gt;', 'xss.event_handler'],
  ['%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', 'xss.event_handler'],
  ['" onfocus="steal()" autofocus="', 'xss.attribute_breakout'],
  ["' onclick=x() '", 'xss.attribute_breakout'],
  ['onerror=alert(document.domain)', 'xss.event_handler'],
  ['onload=', 'xss.event_handler'],
  ['javascript:alert(1)', 'xss.script_url'],
  ['java\tscript:eval(name)', 'xss.script_url'],
  ['&#106;avascript&colon;alert(1)', 'xss.script_url'],
  ['vbscript:msgbox(1)', 'xss.script_url'],
  ['data:text/html;base64,PHNjcmlwdD4=', 'xss.data_url'],
  ['<div style="width: expression(alert(1))">', 'xss.css_script'],
  [
    '<!DOCTYPE x [<!ENTITY y SYSTEM "http://e.example">]>',
    'xss.markup_declaration',
  ],
  ['<!--#exec cmd="id"-->', 'xss.server_side_include'],
  ["{{constructor.constructor('alert(1)')()}}", 'xss.template_injection'],
  ["';alert(1)//", 'xss.script_breakout'],
  ['alert(1)', 'xss.script_sink'],
  ['+ADw-script+AD4-alert(1)+ADw-/script+AD4-', 'xss.active_tag'],
  ["x' formaction=javascript:alert(1)", 'xss.attribute_breakout'],
  ['" srcdoc=<b>', 'xss.attribute_breakout'],
  ['!![]', 'xss.script_obfuscation'],
  [
    '(![]+[])[+[]]+(![]+[])[!+[]+!+[]]+(![]+[])[+!+[]]',
    'xss.script_obfuscation',
  ],
  [
    '<r xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="http://a/"/></r>',
    'xss.markup_declaration',
  ],
  [
    '<r xsi:schemaLocation="http://a/ http://b/r.xsd">',
    'xss.markup_declaration',
  ],
  ['!ENTITY % ext SYSTEM', 'xss.markup_declaration'],
];

const BENIGN: string[] = [
  '&lt;b&gt;bold&lt;/b&gt; is escaped',
  'a < b and c > d',
  '<3 you',
  'x <= y',
  'Use the "online" option',
  'Please confirm (required)',
  'JavaScript: the good parts',
  'https://example.com/page?x=1',
  '/images/cat.png',
  'data: 12 rows',
  '<b>bold</b>',
  '<a href="/help">help</a>',
  '"quoted" text',
  'online=true',
  "It's 5 o'clock",
  '![](a.png) ![](b.png) ![](c.png)',
  'the entity is a system',
  'form action=submit',
];

describe('xss detector', () => {
  for (const [value, rule] of ATTACKS) {
    it(`reports ${rule} for ${JSON.stringify(value)}`, () => {
      assert.deepEqual(rulesFor(value, 'xss'), [rule]);
    });
  }

  for (const value of BENIGN) {
    it(`leaves ${JSON.stringify(value)} alone`, () => {
      assert.deepEqual(rulesFor(value, 'xss'), []);
    });
  }
});
