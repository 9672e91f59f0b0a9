import type { Filter, FilterFunction } from '../types';
import type { ClientIpHeader } from '../view/client-ip';
import type { UserIdOptions } from '../view/user-id';

/** Default time limit of one asynchronous filter call, in milliseconds. */
export const DEFAULT_FILTER_TIMEOUT_MS = 50;

/** Options of {@link createBlockingEngine}. */
export interface BlockingEngineOptions {
  /**
   * Filters in the order they run. A plain function runs at the headers
   * stage; `undefined` entries (a built-in filter that is off) are skipped.
   */
  filters?: ReadonlyArray<Filter | FilterFunction | undefined>;
  /**
   * Block the request when a filter throws, rejects, times out or returns an
   * invalid verdict. @default false (the request goes on)
   */
  failClosed?: boolean;
  /** Time limit of one asynchronous filter call, in ms. @default 50 */
  timeoutMs?: number;
  /**
   * Proxies whose address headers are believed: IP addresses, CIDR ranges
   * or the presets `loopback`, `linklocal` and `uniquelocal`. @default []
   */
  trustedProxies?: readonly string[];
  /**
   * The header the trusted proxies set: `x-forwarded-for` or `forwarded`
   * (RFC 7239). Only this one is read, because a client can send the other
   * one past a proxy that does not overwrite it. @default 'x-forwarded-for'
   */
  clientIpHeader?: ClientIpHeader;
  /** Source of the user id. When unset, requests have no user id. */
  userId?: UserIdOptions;
}
