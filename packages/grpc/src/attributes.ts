/**
 * Span attribute and event names that Tracegate writes for gRPC capture.
 * Body and metadata names follow the ones other API agents already use for
 * gRPC; message events, status codes and code locations follow the
 * OpenTelemetry semantic conventions.
 */

/** The redacted JSON of the request message of a unary or server-streaming call. */
export const ATTR_REQUEST_BODY = 'rpc.request.body';
/** The redacted JSON of the response message of a unary or client-streaming call. */
export const ATTR_RESPONSE_BODY = 'rpc.response.body';
/** True when `rpc.request.body` is not the whole message. */
export const ATTR_REQUEST_BODY_TRUNCATED = 'rpc.request.body.truncated';
/** True when `rpc.response.body` is not the whole message. */
export const ATTR_RESPONSE_BODY_TRUNCATED = 'rpc.response.body.truncated';

/** Prefix of one attribute per request metadata key. */
export const REQUEST_METADATA_PREFIX = 'rpc.request.metadata.';
/** Prefix of one attribute per response metadata key, headers and trailers together. */
export const RESPONSE_METADATA_PREFIX = 'rpc.response.metadata.';

/** Numeric gRPC status code of the call. */
export const ATTR_STATUS_CODE = 'rpc.grpc.status_code';
/** The redacted status message (`details`) of the call. */
export const ATTR_STATUS_MESSAGE = 'tracegate.rpc.grpc.status_message';
/** True when the call was cancelled or ran past its deadline. */
export const ATTR_CANCELLED = 'tracegate.rpc.cancelled';

/** Number of request messages of the call, counted past every cap. */
export const ATTR_REQUEST_MESSAGES = 'tracegate.rpc.request.messages';
/** Number of response messages of the call, counted past every cap. */
export const ATTR_RESPONSE_MESSAGES = 'tracegate.rpc.response.messages';
/** Stream messages that got no `rpc.message` event because of `maxMessageEvents`. */
export const ATTR_DROPPED_EVENTS = 'tracegate.rpc.message_events.dropped';

/** Name of the span event written per stream message. */
export const MESSAGE_EVENT = 'rpc.message';
/** `SENT` or `RECEIVED`, seen from the side that owns the span. */
export const EVENT_MESSAGE_TYPE = 'rpc.message.type';
/** Position of the message among those of the same type, from 1. */
export const EVENT_MESSAGE_ID = 'rpc.message.id';
/** The redacted JSON of the message. */
export const EVENT_MESSAGE_BODY = 'rpc.message.body';
/** True when `rpc.message.body` is not the whole message or is missing. */
export const EVENT_MESSAGE_BODY_TRUNCATED = 'rpc.message.body.truncated';

/** Name of the function that handled the call on the server. */
export const ATTR_CODE_FUNCTION = 'code.function.name';
/** Absolute path of the file that defines the handler. */
export const ATTR_CODE_FILE = 'code.file.path';
/** Line of the handler's definition, from 1. */
export const ATTR_CODE_LINE = 'code.line.number';
/** Column of the handler's definition, from 1. */
export const ATTR_CODE_COLUMN = 'code.column.number';

/** The error message that instrumentation-grpc writes; Tracegate redacts it at span end. */
export const UPSTREAM_ERROR_MESSAGE = 'grpc.error_message';

/** Sensitive data types that redaction found on this span (string array). */
export const ATTR_SENSITIVE_TYPES = 'tracegate.sensitive.types';
/** Location of each sensitive value found, as `path=type` entries. */
export const ATTR_SENSITIVE_FIELDS = 'tracegate.sensitive.fields';
/** Internal capture steps that failed on this span; the app was unaffected. */
export const ATTR_CAPTURE_ERRORS = 'tracegate.capture.errors';
