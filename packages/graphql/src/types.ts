import type { GraphQLInstrumentationConfig } from '@opentelemetry/instrumentation-graphql';
import type { Redactor, RedactorOptions } from '@tracegate/redact';

/** Options of GraphQL capture. */
export interface GraphqlCaptureOptions {
  /** Record the document with string and number literals masked as `graphql.document`. @default true */
  document?: boolean;
  /** Record variables, redacted by the arguments they feed, as `tracegate.graphql.variables`. @default true */
  variables?: boolean;
  /** Characters kept of the masked document. @default 16384 */
  maxDocumentLength?: number;
  /** Characters kept of the redacted variables JSON. @default 16384 */
  maxVariablesLength?: number;
  /** Result errors recorded as exception events per operation; the rest are only counted. @default 10 */
  maxRecordedErrors?: number;
  /** Slowest resolvers per operation recorded as `tracegate.graphql.slow_field` events; 0 turns timing off. @default 5 */
  slowFields?: number;
  /** Look up the function name, file and line of failing and slow resolvers. @default true */
  codeLocations?: boolean;
  /** The redactor, or options for a new one, applied before any attribute is set. */
  redactor?: Redactor | RedactorOptions;
}

/** Configuration of {@link TracegateGraphqlInstrumentation}. */
export interface TracegateGraphqlInstrumentationConfig extends GraphQLInstrumentationConfig {
  /** Capture and redaction options. */
  capture?: GraphqlCaptureOptions;
}

/** Default of `maxDocumentLength` and `maxVariablesLength`: 16 Ki characters. */
export const DEFAULT_MAX_TEXT_LENGTH = 16 * 1024;
/** Default of `maxRecordedErrors`. */
export const DEFAULT_MAX_RECORDED_ERRORS = 10;
/** Default of `slowFields`. */
export const DEFAULT_SLOW_FIELDS = 5;
