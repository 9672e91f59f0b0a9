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
});
