export type * from './types';
export * from './audit';
export { deepFreeze } from './deep-freeze';
export { createBlockingEngine } from './engine/engine';
export type { ConfiguredBlockingEngine } from './engine/engine';
export type { BlockingEngineOptions } from './engine/options';
export { DEFAULT_FILTER_TIMEOUT_MS } from './engine/options';
export { MAX_BLOCK_STATUS, MIN_BLOCK_STATUS } from './engine/verdict-check';
export { createClientIpResolver, normalizeIp } from './view/client-ip';
export type {
  ClientIpHeader,
  ClientIpOptions,
  ClientIpResolver,
} from './view/client-ip';
export { createUserIdReader, MAX_USER_ID_CHARS } from './view/user-id';
export type { UserIdOptions, UserIdReader } from './view/user-id';
export { BlockingHttpInstrumentation } from './http/instrumentation';
export type {
  BlockingHttpInstrumentationConfig,
  BodyLimitAction,
  BodyStageOptions,
} from './http/settings';
export {
  DEFAULT_BODY_MAX_BYTES,
  DEFAULT_BODY_MAX_TOTAL_BYTES,
  DEFAULT_BODY_TIMEOUT_MS,
  DEFAULT_GRAPHQL_PATHS,
} from './http/settings';
export { DEFAULT_BLOCK_STATUS } from './http/block-response';
export { BODY_LIMIT_FILTER } from './http/limit-decision';
export { HttpRequestView, RequestFacts } from './view/http-request-view';
export type { HttpViewSettings } from './view/http-request-view';
export type { GraphqlRequestBody, HeldBody } from './view/body-content';
export { findOperationType } from './view/graphql-operation';
export * from './filters';
