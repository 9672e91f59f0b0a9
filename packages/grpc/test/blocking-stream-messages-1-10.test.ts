import { grpcVersion, loadGrpc } from './support/grpc';
import { describeStreamMessages } from './support/stream-messages-suite';
import { TestEngine } from './support/test-engine';
import { setupTracing } from './support/tracing';

const engine = new TestEngine();
const tracing = setupTracing({ blocking: engine });

describeStreamMessages(
  `stream messages on grpc-js ${grpcVersion('oldest')}`,
  tracing,
  engine,
  () => loadGrpc('oldest'),
);
