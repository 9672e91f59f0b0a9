import { describeBlocking } from './support/blocking-suite';
import { grpcVersion, loadGrpc } from './support/grpc';
import { TestEngine } from './support/test-engine';
import { setupTracing } from './support/tracing';

const engine = new TestEngine();
const tracing = setupTracing({ blocking: engine });

describeBlocking(
  `blocking on grpc-js ${grpcVersion('oldest')}`,
  tracing,
  engine,
  () => loadGrpc('oldest'),
);
