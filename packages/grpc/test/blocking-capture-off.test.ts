import { SpanKind } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertAudit, testBlockAudit } from './support/blocking-suite';
import { requestMetadata } from './support/call-kinds-suite';
import { callClientStream } from './support/echo-calls';
import { spanName } from './support/echo-service';
import { loadGrpc } from './support/grpc';
import { HandlerLog, serveObservedEcho } from './support/observed-echo';
import { blockDecision, TestEngine } from './support/test-engine';
import { setupTracing } from './support/tracing';

// Server-side capture off: blocking and its audit trail do not depend on it.
const engine = new TestEngine();
const tracing = setupTracing({ capture: { server: false }, blocking: engine });

describe('blocking with server capture off', () => {
  const grpc = loadGrpc('newest');
  const log = new HandlerLog();
  const harness = serveObservedEcho(grpc, log);

  it('client stream blocked and audited', async () => {
    engine.wantsBody = true;
    engine.decide = (view) =>
      view.stage === 'body' ? blockDecision('body') : { outcome: 'allow' };
    const outcome = await callClientStream(
      harness().client,
      [{ text: 'evil' }, { text: 'more' }],
      requestMetadata(grpc),
    );
    assert.equal(outcome.statusCode, 7);
    assert.equal(log.ran('ClientStream'), false);
    const span = await tracing.nextSpan(
      SpanKind.SERVER,
      spanName('ClientStream'),
    );
    assertAudit(span, testBlockAudit('body'));
    // Capture wrote nothing on the server span.
    assert.equal(span.attributes['tracegate.rpc.request.messages'], undefined);
  });
});
