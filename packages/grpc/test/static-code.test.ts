import { describeCallKinds } from './support/call-kinds-suite';
import { staticCodeApi } from './support/echo-service';
import { grpcVersion, loadGrpc } from './support/grpc';
import { setupTracing } from './support/tracing';

const tracing = setupTracing();

describeCallKinds(
  `protobufjs static code on grpc-js ${grpcVersion('newest')}`,
  tracing,
  () => loadGrpc('newest'),
  staticCodeApi,
);
