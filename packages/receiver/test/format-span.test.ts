import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReceivedSpan } from '../src/index';
import { formatSpan, formatValue } from '../src/index';

function createSpan(overrides: Partial<ReceivedSpan> = {}): ReceivedSpan {
  return {
    traceId: '5b8efff798038103d269b633813fc60c',
    spanId: 'eee19b7ec3c1b174',
    parentSpanId: '',
    name: 'GET /users',
    kind: 'SERVER',
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: '1700000000012345678',
    attributes: {
      'http.request.method': 'GET',
      'http.response.status_code': 500,
      'test.flag': true,
      'test.list': ['a', 'b'],
    },
    events: [
      {
        name: 'exception',
        timeUnixNano: '1700000000002000000',
        attributes: { 'exception.message': 'boom' },
      },
    ],
    links: [],
    status: { code: 'ERROR', message: 'boom' },
    resource: { 'service.name': 'users-api' },
    scope: { name: '@tracegate/http', version: '0.1.0' },
    transport: 'grpc',
    ...overrides,
  };
}

void describe('formatSpan', () => {
  void it('starts with service, kind, name, status, duration', () => {
    const span = createSpan();

    const [firstLine] = formatSpan(span).split('\n');

    assert.equal(
      firstLine,
      '[users-api] SERVER GET /users ERROR "boom" 12.346 ms',
    );
  });

  void it('prints each attribute on one line', () => {
    const span = createSpan();

    const lines = formatSpan(span).split('\n');

    for (const [key, value] of Object.entries(span.attributes)) {
      assert.ok(
        lines.includes(`  ${key} = ${JSON.stringify(value)}`),
        `no line for ${key}`,
      );
    }
  });

  void it('prints ids, scope and transport', () => {
    const span = createSpan();

    const text = formatSpan(span);

    assert.ok(
      text.includes(`trace ${span.traceId} span ${span.spanId} parent none`),
    );
    assert.ok(text.includes('scope @tracegate/http 0.1.0 via grpc'));
  });

  void it('prints events with offset', () => {
    const text = formatSpan(createSpan());

    assert.ok(text.includes('  event exception at +2.000 ms'));
    assert.ok(text.includes('    exception.message = "boom"'));
  });

  void it('cuts long values and notes length', () => {
    const long = 'x'.repeat(1000);
    const span = createSpan({ attributes: { 'http.request.body': long } });

    const text = formatSpan(span);

    assert.ok(
      text.includes(
        `  http.request.body = "${'x'.repeat(300)}"… (cut, 1000 characters in full)`,
      ),
    );
  });

  void it('reports unknown duration and service', () => {
    const span = createSpan({ endTimeUnixNano: '0', resource: {} });

    const [firstLine] = formatSpan(span).split('\n');

    assert.equal(
      firstLine,
      '[unknown service] SERVER GET /users ERROR "boom" duration unknown',
    );
  });

  void it('escapes line breaks in values', () => {
    const span = createSpan({ attributes: { multi: 'a\nb' } });

    assert.ok(formatSpan(span).includes('  multi = "a\\nb"'));
  });
});

void describe('formatValue', () => {
  void it('cuts JSON of long arrays', () => {
    const value = Array.from({ length: 100 }, (_, index) => index);
    const json = JSON.stringify(value);

    const text = formatValue(value, 20);

    assert.equal(
      text,
      `${json.slice(0, 20)}… (cut, ${json.length} characters of JSON in full)`,
    );
  });

  void it('keeps short values whole', () => {
    assert.equal(formatValue('short', 20), '"short"');
    assert.equal(formatValue(3.5, 20), '3.5');
    assert.equal(formatValue(null, 20), 'null');
  });
});
