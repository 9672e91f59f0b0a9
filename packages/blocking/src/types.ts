/**
 * The contract between the blocking engine, the protocol integrations (HTTP,
 * GraphQL over HTTP, gRPC) and the filters, built-in or written by users.
 */

/** The protocol a request arrived on, as far as Tracegate can tell. */
export type Protocol = 'http' | 'graphql' | 'grpc';

/**
 * When a filter runs. `headers`: the request line and headers have arrived
 * and no application code has run. `body`: the body has arrived too (held,
 * decoded and parsed) and still no application code has run.
 */
export type Stage = 'headers' | 'body';

/** Mode of a built-in filter: off, record matches only, or block them. */
export type FilterMode = 'off' | 'monitor' | 'block';

/** Header values as Node gives them: names lowercased. */
export type HeaderView = Readonly<
  Record<string, string | readonly string[] | undefined>
>;

/** A read-only view of a request, handed to every filter. */
export interface RequestView {
  readonly protocol: Protocol;
  readonly stage: Stage;
  /** Upper-case HTTP method; `POST` for gRPC. */
  readonly method: string;
  /** The request target as received: path and query, not decoded. */
  readonly url: string;
  /** The path, percent-decoded once; undecodable input is kept raw. */
  readonly path: string;
  /** Query parameters, percent-decoded; repeated names collect in arrays. */
  readonly query: Readonly<Record<string, string | readonly string[]>>;
  /** The route template (`/users/:id`) when a framework made it known. */
  readonly route?: string;
  readonly headers: HeaderView;
  readonly cookies: Readonly<Record<string, string>>;
  /** The client address after the trusted-proxy rules were applied. */
  readonly clientIp?: string;
  /** The user id when one was identified (see the engine's user option). */
  readonly userId?: string;
  /**
   * The body stage only: the parsed body (JSON value, form fields as an
   * object, a GraphQL `{ query, variables, operationName }`, a gRPC request
   * message as a plain object) or `undefined` when it could not be parsed.
   */
  readonly body?: unknown;
  /** The body stage only: the decoded body text, within the size limit. */
  readonly bodyText?: string;
  /** gRPC only. */
  readonly grpc?: { readonly service: string; readonly method: string };
  /** GraphQL only, when known. */
  readonly graphql?: {
    readonly operationName?: string;
    readonly operationType?: string;
  };
}

/** Let the request go on. */
export interface AllowVerdict {
  readonly action: 'allow';
}

/** Stop the request; every field is optional and has a protocol default. */
export interface BlockVerdict {
  readonly action: 'block';
  /** HTTP status; default 403. */
  readonly status?: number;
  /** Response body; a string is sent as is, an object as JSON. */
  readonly body?: string | Readonly<Record<string, unknown>>;
  /** Extra response headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Why, in a few words; recorded on the span. Never a secret. */
  readonly reason?: string;
  /** Name of the rule inside the filter that matched, recorded on the span. */
  readonly rule?: string;
  /** gRPC status code; default 7 (PERMISSION_DENIED). */
  readonly grpcStatus?: number;
}

export type Verdict = AllowVerdict | BlockVerdict;

/**
 * A filter. `check` may return a verdict, a promise of one, or `undefined`
 * (allow). It may throw: the engine fails open (or closed when configured)
 * and records the failure.
 */
export interface Filter {
  /** Stable name, recorded as `tracegate.blocking.filter`. */
  readonly name: string;
  /** Stages the filter runs at; default `['headers']`. */
  readonly stages?: readonly Stage[];
  /** `monitor` records a block verdict without blocking; default `block`. */
  readonly mode?: Exclude<FilterMode, 'off'>;
  check(
    view: RequestView,
  ): Verdict | undefined | void | Promise<Verdict | undefined | void>;
}

/** A plain function is a filter too: it runs at the headers stage. */
export type FilterFunction = Filter['check'];

/** Outcome of the engine for one request at one stage. */
export type Decision = AllowDecision | StopDecision;

export interface AllowDecision {
  readonly outcome: 'allow';
  readonly records?: undefined;
}

/**
 * `block` stopped the request; `monitor` recorded a match, or a filter
 * failure under fail-open, and let the request go on. When several filters
 * matched or failed, the decision is the block if there was one, else the
 * first monitor record, and `records` lists them all.
 */
export interface StopDecision {
  readonly outcome: 'block' | 'monitor';
  readonly stage: Stage;
  readonly filter: string;
  readonly rule?: string;
  readonly reason: string;
  /** The verdict with protocol defaults still to apply. */
  readonly verdict: BlockVerdict;
  /**
   * Set when the filter threw, timed out or returned an invalid verdict. With
   * fail-closed the outcome is `block`; with fail-open (the default) it is
   * `monitor` and the request goes on.
   */
  readonly failure?: 'threw' | 'timeout' | 'invalid';
  /**
   * Every decision of this evaluation in filter order, this one included,
   * when more than one filter matched or failed. Use `decisionRecords` to
   * read it.
   */
  readonly records?: readonly StopDecision[];
}

/**
 * Engine interface that the protocol integrations call. The engine
 * implements it, and a gRPC or GraphQL integration receives one through its
 * instrumentation config.
 */
export interface BlockingEngine {
  /** True when at least one active filter runs at the body stage. */
  readonly wantsBody: boolean;
  /**
   * Runs the filters of `view.stage`. It catches every filter failure, so it
   * does not throw or reject. Returns a
   * Decision, not a Promise, when every filter it ran answered synchronously.
   */
  evaluate(view: RequestView): Decision | Promise<Decision>;
  /**
   * Derives the client IP (trusted-proxy rules applied) and the user id from
   * a connection's peer address and the request headers (or gRPC metadata),
   * as the engine's options configure them.
   */
  identify?(
    peerAddress: string | undefined,
    headers: HeaderView,
  ): RequestIdentity;
}

/** Identity of a request's sender: client IP and user id, as far as the engine's options can tell. */
export interface RequestIdentity {
  readonly clientIp?: string;
  readonly userId?: string;
}
