import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarizeMultipart } from '../src/multipart';

const BOUNDARY = '----tracegate1234';

function multipart(parts: string[]): Buffer {
  return Buffer.from(
    parts.map((part) => `--${BOUNDARY}\r\n${part}\r\n`).join('') +
      `--${BOUNDARY}--\r\n`,
  );
}

describe('summarizeMultipart', () => {
  it('keeps text fields and describes files', () => {
    const body = multipart([
      'Content-Disposition: form-data; name="title"\r\n\r\nQuarterly report',
      'Content-Disposition: form-data; name="upload"; filename="scan.png"\r\nContent-Type: image/png\r\n\r\n' +
        'PNGDATA'.repeat(10),
    ]);
    const summary = summarizeMultipart(body, BOUNDARY, 1000);
    assert.equal(summary.incomplete, false);
    assert.deepEqual(summary.parts, [
      { field: 'title', value: 'Quarterly report' },
      {
        field: 'upload',
        filename: 'scan.png',
        contentType: 'image/png',
        size: 70,
      },
    ]);
  });

  it('flags a body cut before its end', () => {
    const body = multipart([
      'Content-Disposition: form-data; name="a"\r\n\r\nfirst',
      'Content-Disposition: form-data; name="b"\r\n\r\nsecond',
    ]);
    const summary = summarizeMultipart(
      body.subarray(0, body.length - 30),
      BOUNDARY,
      1000,
    );
    assert.equal(summary.incomplete, true);
    assert.deepEqual(summary.parts[0], { field: 'a', value: 'first' });
  });

  it('cuts long text fields', () => {
    const body = multipart([
      `Content-Disposition: form-data; name="note"\r\n\r\n${'n'.repeat(500)}`,
    ]);
    const summary = summarizeMultipart(body, BOUNDARY, 100);
    assert.deepEqual(summary.parts[0], {
      field: 'note',
      value: 'n'.repeat(100),
    });
  });

  it('returns nothing for garbage', () => {
    const summary = summarizeMultipart(
      Buffer.from('not multipart at all'),
      BOUNDARY,
      100,
    );
    assert.deepEqual(summary.parts, []);
    assert.equal(summary.incomplete, true);
  });
});
