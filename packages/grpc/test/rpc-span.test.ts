import { context, SpanKind, trace } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import {
  AlwaysOffSampler,
  BasicTracerProvider,
} from '@opentelemetry/sdk-trace-base';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { claimRpcSpan, rpcSpanName } from '../src/rpc-span';

const provider = new NodeTracerProvider();
provider.register();
const tracer = provider.getTracer('rpc-span-test');
const PATH = '/pkg.Service/Method';

function claimUnder(span: Span, side: 'server' | 'client') {
  return context.with(trace.setSpan(context.active(), span), () =>
    claimRpcSpan(PATH, side),
  );
}

describe('claimRpcSpan', () => {
  it('names spans as instrumentation-grpc does', () => {
    assert.equal(rpcSpanName(PATH), 'grpc.pkg.Service/Method');
  });

  it('claims the matching span', () => {
    const span = tracer.startSpan(rpcSpanName(PATH), { kind: SpanKind.SERVER });
    assert.equal(claimUnder(span, 'server'), span);
  });

  it('claims a span once', () => {
    const span = tracer.startSpan(rpcSpanName(PATH), { kind: SpanKind.CLIENT });
    assert.equal(claimUnder(span, 'client'), span);
    assert.equal(claimUnder(span, 'client'), undefined);
  });

  it('rejects another method', () => {
    const span = tracer.startSpan('grpc.pkg.Service/Other', {
      kind: SpanKind.SERVER,
    });
    assert.equal(claimUnder(span, 'server'), undefined);
  });

  it('rejects the other side', () => {
    const span = tracer.startSpan(rpcSpanName(PATH), { kind: SpanKind.SERVER });
    assert.equal(claimUnder(span, 'client'), undefined);
  });

  it('rejects an HTTP parent span', () => {
    const span = tracer.startSpan('POST /orders', { kind: SpanKind.SERVER });
    assert.equal(claimUnder(span, 'server'), undefined);
  });

  it('rejects a sampled-out span', () => {
    const sampledOut = new BasicTracerProvider({
      sampler: new AlwaysOffSampler(),
    }).getTracer('off');
    const span = sampledOut.startSpan(rpcSpanName(PATH), {
      kind: SpanKind.SERVER,
    });
    assert.equal(claimUnder(span, 'server'), undefined);
  });

  it('rejects an ended span', () => {
    const span = tracer.startSpan(rpcSpanName(PATH), { kind: SpanKind.SERVER });
    span.end();
    assert.equal(claimUnder(span, 'server'), undefined);
  });

  it('returns nothing without an active span', () => {
    assert.equal(claimRpcSpan(PATH, 'server'), undefined);
  });
});
