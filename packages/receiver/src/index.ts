export type {
  AttributeValue,
  Attributes,
  ReceivedEvent,
  ReceivedLink,
  ReceivedSpan,
  Transport,
} from './received-span';
export type { Receiver, ReceiverOptions } from './receiver';
export { startReceiver } from './receiver';
export type { SpanPredicate } from './span-store';
export type { FormatSpanOptions } from './format-span';
export {
  DEFAULT_MAX_VALUE_CHARS,
  formatSpan,
  formatValue,
} from './format-span';
export type { RpcStatusFields } from './rpc-status';
export { decodeRpcStatus } from './rpc-status';
export { TRACES_PATH } from './http-server';
export { TRACE_EXPORT_PATH, traceServiceDefinition } from './grpc-server';
