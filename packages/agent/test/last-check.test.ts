import { SpanStatusCode } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '@tracegate/redact';
import { LastCheckSpanProcessor } from '../src/last-check';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

function exportOne(
  build: (tracer: ReturnType<BasicTracerProvider['getTracer']>) => void,
) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    spanProcessors: [
      new LastCheckSpanProcessor(new Redactor()),
      new SimpleSpanProcessor(exporter),
    ],
  });
  build(provider.getTracer('test'));
  const [span] = exporter.getFinishedSpans();
  assert.ok(span, 'no span was exported');
  return span;
}

describe('LastCheckSpanProcessor', () => {
  it('redacts attributes set by other code', () => {
    const span = exportOne((tracer) => {
      const span = tracer.startSpan('query');
      span.setAttribute(
        'db.query.text',
        "SELECT * FROM users WHERE email = 'jane.doe@example.com'",
      );
      span.setAttribute(
        'url.full',
        'https://api.example.com/v1?access_token=abc123&page=2',
      );
      span.setAttribute('url.query', 'api_key=k-123&q=lamps');
      span.setAttribute('peer.service', 'users-db');
      span.end();
    });
    const statement = span.attributes['db.query.text'] as string;
    assert.ok(!statement.includes('jane.doe@example.com'), statement);
    assert.ok(
      statement.startsWith('SELECT * FROM users WHERE email ='),
      statement,
    );
    const url = span.attributes['url.full'] as string;
    assert.ok(!url.includes('abc123'), url);
    assert.ok(url.includes('page=2'), url);
    const query = span.attributes['url.query'] as string;
    assert.ok(!query.includes('k-123'), query);
    assert.ok(query.endsWith('q=lamps'), query);
    assert.equal(span.attributes['peer.service'], 'users-db');
    assert.ok(
      (span.attributes['tracegate.sensitive.types'] as string[]).includes(
        'email',
      ),
    );
  });

  it('redacts exception events and the status message', () => {
    const span = exportOne((tracer) => {
      const span = tracer.startSpan('charge');
      span.recordException(new Error('card 4111111111111111 was declined'));
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: `bad token ${JWT}`,
      });
      span.end();
    });
    const event = span.events.find(
      (candidate) => candidate.name === 'exception',
    );
    const message = event?.attributes?.['exception.message'] as string;
    assert.ok(!message.includes('4111111111111111'), message);
    assert.ok(message.startsWith('card '), message);
    const stack = event?.attributes?.['exception.stacktrace'] as string;
    assert.ok(!stack.includes('4111111111111111'), stack);
    assert.ok(!span.status.message!.includes(JWT), span.status.message);
  });

  it('leaves values that capture already redacted', () => {
    const span = exportOne((tracer) => {
      const span = tracer.startSpan('server');
      span.setAttribute(
        'http.request.body',
        'already redacted: jane.doe@example.com',
      );
      span.end();
    });
    assert.equal(
      span.attributes['http.request.body'],
      'already redacted: jane.doe@example.com',
    );
  });

  it('checks repeated values on every span', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [
        new LastCheckSpanProcessor(new Redactor()),
        new SimpleSpanProcessor(exporter),
      ],
    });
    const tracer = provider.getTracer('test');
    const statements = [
      'SELECT 1',
      "SELECT * FROM users WHERE email = 'jane.doe@example.com'",
      'SELECT 1',
      "SELECT * FROM users WHERE email = 'jane.doe@example.com'",
    ];
    for (const statement of statements) {
      const span = tracer.startSpan('query');
      span.setAttribute('db.query.text', statement);
      span.setAttribute('app.forwarded_for', '10.1.2.3');
      span.end();
    }
    const spans = exporter.getFinishedSpans();
    assert.equal(spans.length, 4);
    for (const [index, span] of spans.entries()) {
      const statement = span.attributes['db.query.text'] as string;
      assert.ok(!statement.includes('jane.doe@example.com'), statement);
      const types = span.attributes['tracegate.sensitive.types'] as string[];
      assert.ok(types.includes('ipv4'), `span ${index}: ${types.join()}`);
      assert.equal(types.includes('email'), index % 2 === 1);
    }
  });

  it('leaves connection addresses out of the sensitive types', () => {
    const span = exportOne((tracer) => {
      const span = tracer.startSpan('GET /');
      span.setAttribute('client.address', '203.0.113.7');
      span.setAttribute('network.peer.address', '203.0.113.7');
      span.setAttribute('net.host.ip', '10.0.0.5');
      span.setAttribute('app.forwarded_for', '198.51.100.9');
      span.end();
    });
    assert.equal(span.attributes['client.address'], '203.0.113.7');
    assert.deepEqual(span.attributes['tracegate.sensitive.fields'], [
      'attribute.app.forwarded_for=ipv4',
    ]);
  });

  it('still masks connection addresses when IP addresses are masked', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [
        new LastCheckSpanProcessor(new Redactor({ actions: { ipv4: 'mask' } })),
        new SimpleSpanProcessor(exporter),
      ],
    });
    const span = provider.getTracer('test').startSpan('GET /');
    span.setAttribute('client.address', '203.0.113.7');
    span.end();
    const [exported] = exporter.getFinishedSpans();
    assert.equal(exported.attributes['client.address'], '[REDACTED:ipv4]');
    assert.deepEqual(exported.attributes['tracegate.sensitive.types'], [
      'ipv4',
    ]);
  });

  it('checks blocking reasons written by filters', () => {
    const span = exportOne((tracer) => {
      const span = tracer.startSpan('GET /');
      const reason = `token ${JWT} is revoked`;
      span.setAttribute('tracegate.blocking.reason', reason);
      span.addEvent('tracegate.blocking.decision', {
        'tracegate.blocking.reason': reason,
      });
      span.end();
    });
    const reason = span.attributes['tracegate.blocking.reason'] as string;
    assert.ok(!reason.includes(JWT), reason);
    const eventReason = span.events[0].attributes?.[
      'tracegate.blocking.reason'
    ] as string;
    assert.ok(!eventReason.includes(JWT), eventReason);
  });
});
