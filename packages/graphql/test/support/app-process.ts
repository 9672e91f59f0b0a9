/**
 * Runs one test app in a process of its own and prints its URL as one JSON
 * line: `node app-process.js <apollo|graphql-http> <plain|traced>`. With
 * `traced`, the instrumentations are registered first; with `plain`, no
 * OpenTelemetry code is loaded. The app stops when stdin closes.
 */
import type * as AppsModule from './apps';
import type { RunningApp } from './apps';
import type * as TracingModule from './tracing';

async function main(): Promise<void> {
  const [kind, mode] = process.argv.slice(2);
  if (mode === 'traced') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('./tracing') as typeof TracingModule).setupTracing();
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const apps = require('./apps') as typeof AppsModule;
  const app: RunningApp =
    kind === 'apollo'
      ? await apps.startApolloApp()
      : await apps.startGraphqlHttpApp();
  process.stdout.write(`${JSON.stringify({ url: app.url })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void app.stop();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`test app failed to start: ${String(error)}\n`);
  process.exit(1);
});
