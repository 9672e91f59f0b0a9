export { TracegateGrpcInstrumentation } from './instrumentation';
export type {
  GrpcCaptureOptions,
  TracegateGrpcInstrumentationConfig,
} from './types';
export {
  DEFAULT_BLOCKING_MAX_BODY_BYTES,
  DEFAULT_MAX_CALL_BYTES,
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_MAX_MESSAGE_EVENTS,
} from './types';
export * from './attributes';
// The instrumentation's public members name these; they are exported as
// types so the API reference can show them.
export type { CaptureHost } from './internal-types';
export type { BlockingSettings } from './blocking-settings';
export type { CaptureSettings } from './settings';
