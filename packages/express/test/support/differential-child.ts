// Runs the test app in a process of its own, sends every request of
// appRequests() and prints the responses as JSON, and with tracing the
// Express layer spans of each request. Usage:
//   node differential-child.js <4|5> <plain|upstream|tracegate>
// `upstream` uses OpenTelemetry's ExpressInstrumentation, `tracegate`
// TracegateExpressInstrumentation, `plain` no tracing at all.
import { SpanKind } from '@opentelemetry/api';
import type * as AppsModule from './apps';
import type * as ClientModule from './client';
import type * as RequestsModule from './requests';
import type { ExpressMajor, ExpressModule } from './express-versions';
import { loadExpress } from './express-versions';
import type { TestTracing } from './tracing';
import { setupTracing } from './tracing';

/** Time to wait after the server span, for layer spans that end on 'close' too. */
const LAYER_SPAN_GRACE_MS = 30;

/** Describes the Express layer spans of the last request, in start order. */
async function layerSpans(tracing: TestTracing): Promise<string[]> {
  const server = await tracing.nextServerSpan();
  await new Promise((resolve) => setTimeout(resolve, LAYER_SPAN_GRACE_MS));
  const traceId = server.spanContext().traceId;
  return tracing
    .finishedSpans()
    .filter(
      (span) =>
        span.kind === SpanKind.INTERNAL &&
        span.spanContext().traceId === traceId,
    )
    .sort(
      (a, b) =>
        a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1],
    )
    .map((span) =>
      [
        span.name,
        String(span.attributes['express.type']),
        String(span.attributes['express.name']),
        String(span.attributes['http.route']),
        `status ${span.status.code}`,
        `events ${span.events.length}`,
      ].join(' | '),
    );
}

async function main(): Promise<void> {
  const major = Number(process.argv[2]) as ExpressMajor;
  const mode = process.argv[3];
  let express: ExpressModule;
  let tracing: TestTracing | undefined;

  if (mode === 'plain') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    express = require(major === 5 ? 'express' : 'express4') as ExpressModule;
  } else {
    tracing = setupTracing({ upstreamExpress: mode === 'upstream' });
    express = loadExpress(major, tracing.instrumentation);
  }
  // Loaded after tracing is set up, so node:http is instrumented when traced.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { buildApp } = require('./apps') as typeof AppsModule;
  const { close, listen, send } = require('./client') as typeof ClientModule;
  const { appRequests } = require('./requests') as typeof RequestsModule;
  /* eslint-enable @typescript-eslint/no-require-imports */

  const { server, base } = await listen(buildApp(express, major));
  const responses = [];
  for (const request of appRequests(major)) {
    tracing?.reset();
    const { method, headers, body } = request;
    const response = await send(`${base}${request.path}`, {
      method,
      headers,
      body,
    });
    const { date: _date, ...stableHeaders } = response.headers;
    const spans = tracing === undefined ? [] : await layerSpans(tracing);
    responses.push({ request, ...response, headers: stableHeaders, spans });
  }

  await close(server);
  process.stdout.write(JSON.stringify(responses));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
