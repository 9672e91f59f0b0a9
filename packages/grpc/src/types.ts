import type { InstrumentationConfig } from '@opentelemetry/instrumentation';
import type { BlockingEngine } from '@tracegate/blocking';
import type { Redactor, RedactorOptions } from '@tracegate/redact';

/** Options of gRPC message, metadata and status capture. */
export interface GrpcCaptureOptions {
  /** Capture on the spans of calls that this process serves. @default true */
  server?: boolean;
  /** Capture on the spans of calls that this process makes. @default true */
  client?: boolean;
  /** Record request metadata as `rpc.request.metadata.<key>`. @default true */
  requestMetadata?: boolean;
  /** Record response headers and trailers as `rpc.response.metadata.<key>`. @default true */
  responseMetadata?: boolean;
  /** Record request messages, as `rpc.request.body` or as `rpc.message` events. @default true */
  requestMessages?: boolean;
  /** Record response messages, as `rpc.response.body` or as `rpc.message` events. @default true */
  responseMessages?: boolean;
  /** UTF-8 bytes of JSON kept per message, and per metadata value. @default 32768 */
  maxMessageBytes?: number;
  /** UTF-8 bytes of message JSON kept per call, over all its messages. @default 131072 */
  maxCallBytes?: number;
  /** `rpc.message` events written per call; later stream messages are only counted. @default 64 */
  maxMessageEvents?: number;
  /** Record the name, file and line of the server handler as `code.*` attributes. @default true */
  codeLocations?: boolean;
  /** The redactor, or options for a new one, applied before any attribute is set. */
  redactor?: Redactor | RedactorOptions;
}

/** Configuration of {@link TracegateGrpcInstrumentation}. */
export interface TracegateGrpcInstrumentationConfig extends InstrumentationConfig {
  /** Capture and redaction options. */
  capture?: GrpcCaptureOptions;
  /**
   * The blocking engine that decides, before the handler runs, whether a
   * call this process serves goes on. Without one, no call is blocked.
   */
  blocking?: BlockingEngine;
  /**
   * UTF-8 bytes of request message JSON that the body stage of blocking
   * inspects; a longer message reaches the engine as cut `bodyText` and no
   * `body`. @default 1048576
   */
  blockingMaxBodyBytes?: number;
  /**
   * The action for a call whose request message JSON is longer than
   * `blockingMaxBodyBytes`. `allow` lets the engine inspect the cut text,
   * and `block` ends the call with RESOURCE_EXHAUSTED (8). @default 'allow'
   */
  blockingOnLimit?: 'allow' | 'block';
}

/** Default of `maxMessageBytes`: 32 KiB. */
export const DEFAULT_MAX_MESSAGE_BYTES = 32 * 1024;
/** Default of `maxCallBytes`: 128 KiB, the HTTP body limit of Tracegate. */
export const DEFAULT_MAX_CALL_BYTES = 128 * 1024;
/** Default of `maxMessageEvents`: half of the SDK's default of 128 events per span. */
export const DEFAULT_MAX_MESSAGE_EVENTS = 64;
/** Default of `blockingMaxBodyBytes`: 1 MiB. */
export const DEFAULT_BLOCKING_MAX_BODY_BYTES = 1024 * 1024;
