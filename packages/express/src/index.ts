export { TracegateExpressInstrumentation } from './instrumentation';
export type { TracegateExpressInstrumentationConfig } from './types';
