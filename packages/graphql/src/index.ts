export { TracegateGraphqlInstrumentation } from './instrumentation';
export type {
  GraphqlCaptureOptions,
  TracegateGraphqlInstrumentationConfig,
} from './types';
export {
  DEFAULT_MAX_RECORDED_ERRORS,
  DEFAULT_MAX_TEXT_LENGTH,
  DEFAULT_SLOW_FIELDS,
} from './types';
export * from './attributes';
