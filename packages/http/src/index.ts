export { TracegateHttpInstrumentation } from './http-instrumentation';
export type { TracegateHttpInstrumentationConfig } from './http-instrumentation';
export { TracegateUndiciInstrumentation } from './undici-instrumentation';
export type { TracegateUndiciInstrumentationConfig } from './undici-instrumentation';
export type { HttpCaptureOptions } from './types';
export { DEFAULT_CONTENT_TYPES, DEFAULT_MAX_BODY_BYTES } from './types';
export { setParsedBody } from './parsed-body';
export * from './attributes';
