import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cutUtf8, renderMessageJson } from '../src/message-json';

describe('renderMessageJson', () => {
  it('matches JSON.stringify for plain data', () => {
    const message = {
      text: 'a "quoted" line\n',
      count: 3,
      ratio: 0.5,
      flag: false,
      nothing: null,
      list: [1, 'two', { three: [3] }],
      nested: { deeper: { deepest: 'x' } },
    };
    const rendered = renderMessageJson(message, 10_000);
    assert.equal(rendered.text, JSON.stringify(message));
    assert.equal(rendered.truncated, false);
  });

  it('omits what JSON.stringify omits', () => {
    const message = {
      kept: 1,
      missing: undefined,
      method: () => 1,
      symbol: Symbol('s'),
      list: [undefined, () => 1],
    };
    const rendered = renderMessageJson(message, 10_000);
    assert.equal(rendered.text, JSON.stringify(message));
  });

  it('writes bytes as base64', () => {
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
    const rendered = renderMessageJson({ data: bytes }, 1000);
    assert.deepEqual(JSON.parse(rendered.text), {
      data: bytes.toString('base64'),
    });
  });

  it('writes a Uint8Array view as base64 of its own bytes', () => {
    const backing = Buffer.from([9, 9, 1, 2, 3, 9]);
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 2, 3);
    const rendered = renderMessageJson({ data: view }, 1000);
    assert.deepEqual(JSON.parse(rendered.text), {
      data: Buffer.from([1, 2, 3]).toString('base64'),
    });
  });

  it('writes Long values as decimal strings', () => {
    const long = {
      low: -1,
      high: 2147483647,
      unsigned: false,
      toString: () => '9223372036854775807',
    };
    const rendered = renderMessageJson({ big: long }, 1000);
    assert.deepEqual(JSON.parse(rendered.text), {
      big: '9223372036854775807',
    });
  });

  it('writes bigint, NaN and Infinity as strings', () => {
    const rendered = renderMessageJson(
      { big: 12345678901234567890n, nan: NaN, inf: -Infinity },
      1000,
    );
    assert.deepEqual(JSON.parse(rendered.text), {
      big: '12345678901234567890',
      nan: 'NaN',
      inf: '-Infinity',
    });
  });

  it('writes maps as objects', () => {
    const rendered = renderMessageJson(
      {
        labels: new Map<unknown, unknown>([
          ['a', 1],
          [2, 'b'],
        ]),
      },
      1000,
    );
    assert.deepEqual(JSON.parse(rendered.text), { labels: { a: 1, 2: 'b' } });
  });

  it('skips prototype defaults', () => {
    class Message {
      declare text: string;
      declare level: number;
    }
    Message.prototype.text = '';
    Message.prototype.level = 0;
    const message = new Message();
    message.level = 4;
    const rendered = renderMessageJson(message, 1000);
    assert.equal(rendered.text, '{"level":4}');
  });

  it('marks cycles', () => {
    const message: Record<string, unknown> = { name: 'loop' };
    message.self = message;
    const rendered = renderMessageJson(message, 1000);
    assert.deepEqual(JSON.parse(rendered.text), {
      name: 'loop',
      self: '[Circular]',
    });
  });

  it('repeats shared objects', () => {
    const shared = { id: 1 };
    const rendered = renderMessageJson({ a: shared, b: shared }, 1000);
    assert.deepEqual(JSON.parse(rendered.text), { a: { id: 1 }, b: { id: 1 } });
  });

  it('cuts at the byte limit', () => {
    const message = { text: 'x'.repeat(5000), more: 'y'.repeat(5000) };
    const rendered = renderMessageJson(message, 100);
    assert.equal(rendered.truncated, true);
    assert.equal(Buffer.byteLength(rendered.text), 100);
    assert.ok(JSON.stringify(message).startsWith(rendered.text));
  });

  it('keeps a message that fits exactly', () => {
    const message = { text: 'abc' };
    const exact = JSON.stringify(message).length;
    const rendered = renderMessageJson(message, exact);
    assert.equal(rendered.text, JSON.stringify(message));
    assert.equal(rendered.truncated, false);
  });

  it('never splits a multibyte character', () => {
    const message = { text: 'é'.repeat(100) };
    for (let limit = 5; limit < 40; limit++) {
      const rendered = renderMessageJson(message, limit);
      assert.ok(Buffer.byteLength(rendered.text) <= limit, String(limit));
      assert.ok(!rendered.text.includes('\uFFFD'), String(limit));
    }
  });

  it('bounds large byte fields', () => {
    const rendered = renderMessageJson(
      { blob: Buffer.alloc(10 * 1024 * 1024, 7) },
      64,
    );
    assert.equal(rendered.truncated, true);
    assert.ok(Buffer.byteLength(rendered.text) <= 64);
  });

  it('handles deep nesting without recursion', () => {
    let message: Record<string, unknown> = { leaf: true };
    for (let depth = 0; depth < 100_000; depth++) {
      message = { child: message };
    }
    const rendered = renderMessageJson(message, 2_000_000);
    assert.equal(rendered.truncated, false);
    assert.ok(rendered.text.endsWith('}'));
    assert.ok(rendered.text.includes('"leaf":true'));
  });

  it('writes a zero limit as empty', () => {
    const rendered = renderMessageJson({ text: 'a' }, 0);
    assert.equal(rendered.text, '');
    assert.equal(rendered.truncated, true);
  });
});

describe('cutUtf8', () => {
  it('keeps text that fits', () => {
    assert.equal(cutUtf8('héllo', 6), 'héllo');
  });

  it('drops a character cut in half', () => {
    assert.equal(cutUtf8('aé', 2), 'a');
  });

  it('keeps a four-byte character whole', () => {
    assert.equal(cutUtf8('a😀b', 5), 'a😀');
    assert.equal(cutUtf8('a😀b', 4), 'a');
  });
});
