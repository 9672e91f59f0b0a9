import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { ECHO_METHODS } from './support/blocking-calls';
import { requestMetadata } from './support/call-kinds-suite';
import { loadGrpc } from './support/grpc';
import { HandlerLog, serveObservedEcho } from './support/observed-echo';
import { ALLOW, blockDecision, later, TestEngine } from './support/test-engine';
import { setupTracing } from './support/tracing';

// Without instrumentation-grpc there is no server span: blocking must still
// work, with nothing to record the decision on.
const engine = new TestEngine();
const tracing = setupTracing({ upstream: false, blocking: engine });

describe('blocking without instrumentation-grpc', () => {
  const grpc = loadGrpc('newest');
  const log = new HandlerLog();
  const harness = serveObservedEcho(grpc, log);

  beforeEach(() => {
    engine.reset();
    log.reset();
  });

  for (const method of ECHO_METHODS) {
    it(`${method.name} blocked at body stage`, async () => {
      engine.wantsBody = true;
      engine.decide = (view) =>
        later(view.stage === 'body' ? blockDecision('body') : ALLOW);
      const outcome = await method.call(
        harness().client,
        ['evil'],
        requestMetadata(grpc),
      );
      assert.equal(outcome.statusCode, 7);
      assert.equal(log.ran(method.name), false);
      assert.equal(tracing.exporter.getFinishedSpans().length, 0);
    });
  }
});
