// Serves one request to the test app in a process of its own and prints the
// response and the server span's route and code attributes as JSON. The
// parent test starts it with inspector-related Node flags.
import type * as AppsModule from './apps';
import type * as ClientModule from './client';
import { loadExpress } from './express-versions';
import { setupTracing } from './tracing';

async function main(): Promise<void> {
  const tracing = setupTracing();
  const express = loadExpress(5, tracing.instrumentation);
  // Loaded after tracing is set up, so node:http is instrumented.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { buildApp } = require('./apps') as typeof AppsModule;
  const { close, listen, send } = require('./client') as typeof ClientModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const { server, base } = await listen(buildApp(express, 5));
  const response = await send(`${base}/users/42`);
  const span = await tracing.nextServerSpan();
  await close(server);
  const attributes = span.attributes;
  process.stdout.write(
    JSON.stringify({
      status: response.status,
      body: response.body,
      route: attributes['http.route'],
      functionName: attributes['code.function.name'],
      filePath: attributes['code.file.path'],
      lineNumber: attributes['code.line.number'],
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
