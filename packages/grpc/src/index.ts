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
