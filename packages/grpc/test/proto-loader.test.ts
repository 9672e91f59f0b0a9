import { describeCallKinds } from './support/call-kinds-suite';
import { protoLoaderApi } from './support/echo-service';
import { grpcVersion, loadGrpc } from './support/grpc';
import { setupTracing } from './support/tracing';

const tracing = setupTracing();

describeCallKinds(
  `proto-loader on grpc-js ${grpcVersion('newest')}`,
  tracing,
  () => loadGrpc('newest'),
  protoLoaderApi,
);
