import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../src';
import { collectFindings } from './findings-collector';

const redactor = new Redactor();

describe('xml redaction', () => {
  it('masks sensitive elements at depth', () => {
    const input =
      '<?xml version="1.0"?>\n<req><login><user>jo</user><password>p&amp;w</password></login></req>';
    assert.equal(
      redactor.xml(input),
      '<?xml version="1.0"?>\n<req><login><user>jo</user><password>[REDACTED:password]</password></login></req>',
    );
  });

  it('masks whole element content', () => {
    assert.equal(
      redactor.xml('<a><credentials><k>1</k><v>2</v></credentials><b/></a>'),
      '<a><credentials>[REDACTED:credentials]</credentials><b/></a>',
    );
  });

  it('masks sensitive attributes and keeps quotes', () => {
    assert.equal(
      redactor.xml(`<login user="jo" password='x' api-key="k"/>`),
      `<login user="jo" password='[REDACTED:password]' api-key="[REDACTED:api_key]"/>`,
    );
  });

  it('matches namespaced names by local name', () => {
    assert.equal(
      redactor.xml('<s:Body><ns:Token>abc</ns:Token></s:Body>'),
      '<s:Body><ns:Token>[REDACTED:token]</ns:Token></s:Body>',
    );
  });

  it('masks CDATA content of a sensitive element', () => {
    assert.equal(
      redactor.xml('<secret><![CDATA[a<b]]></secret>'),
      '<secret>[REDACTED:secret]</secret>',
    );
  });

  it('runs detectors on all text', () => {
    const input =
      '<m to="jane@example.com"><!-- bob@example.org --><b>4242424242424242</b><![CDATA[eve@example.net]]></m>';
    assert.equal(
      redactor.xml(input),
      '<m to="[REDACTED:email]"><!-- [REDACTED:email] --><b>[REDACTED:credit_card]</b><![CDATA[[REDACTED:email]]]></m>',
    );
  });

  it('masks cut sensitive element', () => {
    assert.equal(redactor.xml('<a><pin>12'), '<a><pin>[REDACTED:pin]');
  });

  it('keeps an empty sensitive element', () => {
    const input = '<a><password></password><token/></a>';
    assert.equal(redactor.xml(input), input);
  });

  it('keeps malformed markup as text', () => {
    const input = '<a>1 < 2 <3 </b></a><';
    assert.equal(redactor.xml(input), input);
  });

  it('reports element and attribute paths', () => {
    const { sink, findings } = collectFindings();
    redactor.xml('<r><u secret="s"><password>p</password></u></r>', sink);
    assert.deepEqual(findings, [
      { type: 'secret', path: 'body.r.u.@secret' },
      { type: 'password', path: 'body.r.u.password' },
    ]);
  });
});
