import type { ExpressInstrumentationConfig } from '@opentelemetry/instrumentation-express';

/** Configuration of `TracegateExpressInstrumentation`. */
export interface TracegateExpressInstrumentationConfig extends ExpressInstrumentationConfig {
  /** Set `http.route` on the HTTP server span to the template of the Express route that responded. @default true */
  httpRoute?: boolean;
  /** Record the name, file and line of the handler that responded as `code.*` attributes on the HTTP server span. @default true */
  codeLocation?: boolean;
  /** Record errors passed to `next(err)` or thrown by handlers on the HTTP server span. @default true */
  recordErrors?: boolean;
  /** Hand `req.body` from a body parser to `@tracegate/http`, which records it in place of the raw request bytes. @default true */
  parsedBody?: boolean;
}
