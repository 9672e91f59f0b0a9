/**
 * Span attribute and event names that Tracegate writes for GraphQL. The
 * `graphql.*` and `code.*` names follow the OpenTelemetry semantic
 * conventions; the others are Tracegate's own.
 */

/** The operation's document with every string and number literal masked. */
export const ATTR_DOCUMENT = 'graphql.document';
/** True when `graphql.document` was cut at `maxDocumentLength`. */
export const ATTR_DOCUMENT_TRUNCATED = 'tracegate.graphql.document.truncated';
/** The operation's variables as redacted JSON text. */
export const ATTR_VARIABLES = 'tracegate.graphql.variables';
/** True when `tracegate.graphql.variables` was cut at `maxVariablesLength`. */
export const ATTR_VARIABLES_TRUNCATED = 'tracegate.graphql.variables.truncated';
/** Number of errors in the result (execute span) or in every result of the request (HTTP server span). */
export const ATTR_ERROR_COUNT = 'tracegate.graphql.errors';
/** Number of GraphQL operations that one HTTP request executed (more than one when batched). */
export const ATTR_OPERATION_COUNT = 'tracegate.graphql.operations';
/** Sensitive data types that redaction found on this span (string array). */
export const ATTR_SENSITIVE_TYPES = 'tracegate.sensitive.types';
/** Locations of the sensitive types found, as `path=type` entries. */
export const ATTR_SENSITIVE_FIELDS = 'tracegate.sensitive.fields';

/** Semantic convention attribute names of upstream's execute span. */
export const ATTR_OPERATION_TYPE = 'graphql.operation.type';
/** The operation name, when the document names it. */
export const ATTR_OPERATION_NAME = 'graphql.operation.name';

/** Event added to the execute span for each of the slowest resolvers. */
export const EVENT_SLOW_FIELD = 'tracegate.graphql.slow_field';
/** Response path of a field, such as `user.orders.0.total`. */
export const ATTR_FIELD_PATH = 'graphql.field.path';
/** Parent type and field name, such as `Query.user`. */
export const ATTR_FIELD_COORDINATE = 'tracegate.graphql.field.coordinate';
/** Wall time from the resolver call until its value or promise settled, in milliseconds. */
export const ATTR_FIELD_DURATION_MS = 'tracegate.graphql.field.duration_ms';

/** Name of the resolver function (semantic convention). */
export const ATTR_CODE_FUNCTION = 'code.function.name';
/** Absolute path of the file that defines the resolver. */
export const ATTR_CODE_FILE = 'code.file.path';
/** 1-based line of the resolver's definition. */
export const ATTR_CODE_LINE = 'code.line.number';
/** 1-based column of the resolver's definition. */
export const ATTR_CODE_COLUMN = 'code.column.number';
