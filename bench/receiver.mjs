// OTLP receiver for the benchmark: the repository's receiver in its own
// process, printing no spans and keeping none, so that its cost stays flat.
// Prints `listening http=<url>`, and on SIGTERM or SIGINT prints one JSON
// line with the span count of each service.name, then exits.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startReceiver } = require('@tracegate/receiver');

const spanCounts = {};

function countSpans(spans) {
  for (const span of spans) {
    const service = String(span.resource['service.name'] ?? 'unknown');
    spanCounts[service] = (spanCounts[service] ?? 0) + 1;
  }
}

const receiver = await startReceiver({
  httpPort: 0,
  grpcPort: false,
  quiet: true,
  maxSpans: 0,
  onSpans: countSpans,
});

function stop() {
  console.log(`spans ${JSON.stringify(spanCounts)}`);
  receiver.close().then(
    () => process.exit(0),
    (error) => {
      console.error(`receiver: failed to close: ${error.message}`);
      process.exit(1);
    },
  );
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
console.log(`listening http=${receiver.httpUrl}`);
