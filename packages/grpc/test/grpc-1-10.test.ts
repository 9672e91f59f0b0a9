import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeCallKinds } from './support/call-kinds-suite';
import { protoLoaderApi, staticCodeApi } from './support/echo-service';
import { grpcVersion, loadGrpc } from './support/grpc';
import { setupTracing } from './support/tracing';

const tracing = setupTracing();

it('oldest line is grpc-js 1.10', () => {
  assert.match(grpcVersion('oldest'), /^1\.10\./);
});

describeCallKinds(
  `proto-loader on grpc-js ${grpcVersion('oldest')}`,
  tracing,
  () => loadGrpc('oldest'),
  protoLoaderApi,
);

describeCallKinds(
  `protobufjs static code on grpc-js ${grpcVersion('oldest')}`,
  tracing,
  () => loadGrpc('oldest'),
  staticCodeApi,
);
