import { parseMediaType } from '@tracegate/http';
import { parse as parseCookies } from 'cookie';
import type { IncomingMessage } from 'node:http';
import type {
  HeaderView,
  Protocol,
  RequestIdentity,
  RequestView,
  Stage,
} from '../types';
import type { HeldBody } from './body-content';
import { bodyMediaType, decodeBodyText, parseBodyText } from './body-content';
import { findOperationType } from './graphql-operation';
import type { RequestTarget } from './request-target';
import { parseQuery, splitTarget } from './request-target';

/** Settings of HTTP request views beyond the request itself. */
export interface HttpViewSettings {
  /** Derives the client IP and user id, as the engine's options configure. */
  readonly identify: (
    peerAddress: string | undefined,
    headers: HeaderView,
  ) => RequestIdentity;
  /** Decoded paths whose requests are GraphQL operations. */
  readonly graphqlPaths: ReadonlySet<string>;
}

/** Media types of request bodies that carry a GraphQL operation. */
const GRAPHQL_MEDIA_TYPES = new Set([
  'application/graphql',
  'application/graphql-response+json',
]);

type GraphqlFacts = RequestView['graphql'];

/**
 * Facts about one request that both stages show. Each is computed when a
 * filter first reads it, so a filter that reads only the path pays for
 * nothing else.
 */
export class RequestFacts {
  private protocolCache?: Protocol;
  private target?: RequestTarget;
  private headerCopy?: HeaderView;
  private queryObject?: RequestView['query'];
  private cookieObject?: RequestView['cookies'];
  private identityCache?: RequestIdentity;

  constructor(
    readonly request: IncomingMessage,
    private readonly settings: HttpViewSettings,
  ) {}

  get protocol(): Protocol {
    this.protocolCache ??= this.detectProtocol();
    return this.protocolCache;
  }

  get path(): string {
    return this.requestTarget().path;
  }

  get query(): RequestView['query'] {
    this.queryObject ??= parseQuery(this.requestTarget().rawQuery);
    return this.queryObject;
  }

  private requestTarget(): RequestTarget {
    this.target ??= splitTarget(this.request.url ?? '/');
    return this.target;
  }

  /**
   * A frozen copy, arrays included: the application may still change
   * `request.headers`, and a filter must not change what it will read.
   */
  get headers(): HeaderView {
    this.headerCopy ??= copyHeaders(this.request.headers);
    return this.headerCopy;
  }

  get cookies(): RequestView['cookies'] {
    if (this.cookieObject === undefined) {
      const header = this.request.headers.cookie;
      const parsed = header === undefined ? {} : safeCookies(header);
      this.cookieObject = Object.freeze(parsed);
    }
    return this.cookieObject;
  }

  get identity(): RequestIdentity {
    this.identityCache ??= this.settings.identify(
      this.request.socket?.remoteAddress,
      this.headers,
    );
    return this.identityCache;
  }

  /** The GraphQL operation of a GET request, read from the query. */
  get queryOperation(): GraphqlFacts {
    const { query } = this;
    const document = typeof query.query === 'string' ? query.query : undefined;
    const name =
      typeof query.operationName === 'string' ? query.operationName : undefined;
    return operationFacts(document, name);
  }

  private detectProtocol(): Protocol {
    if (this.settings.graphqlPaths.has(this.path)) return 'graphql';
    const essence = parseMediaType(
      this.request.headers['content-type'],
    )?.essence;
    return essence !== undefined && GRAPHQL_MEDIA_TYPES.has(essence)
      ? 'graphql'
      : 'http';
  }
}

function copyHeaders(headers: IncomingMessage['headers']): HeaderView {
  // The spread defines a `__proto__` header as an own field, where an
  // assignment to a new object would set the prototype instead.
  const copy: Record<string, string | readonly string[] | undefined> = {
    ...headers,
  };
  for (const [name, value] of Object.entries(copy)) {
    if (Array.isArray(value)) {
      copy[name] = Object.freeze([...(value as readonly string[])]);
    }
  }
  return Object.freeze(copy);
}

function safeCookies(header: string): Record<string, string> {
  const parsed = parseCookies(header);
  const cookies = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(parsed)) {
    if (value !== undefined) cookies[name] = value;
  }
  return cookies;
}

function operationFacts(
  document: string | undefined,
  operationName: string | undefined,
): GraphqlFacts {
  const operationType =
    document === undefined
      ? undefined
      : findOperationType(document, operationName);
  if (operationName === undefined && operationType === undefined) {
    return undefined;
  }
  return Object.freeze({
    ...(operationName !== undefined && { operationName }),
    ...(operationType !== undefined && { operationType }),
  });
}

/**
 * The read-only view of an HTTP request that filters receive. The object is
 * frozen and its getters read the shared facts; at the body stage the held
 * body is decoded and parsed on first read. The request itself stays in a
 * private field, out of a filter's reach.
 */
export class HttpRequestView implements RequestView {
  readonly method: string;
  readonly url: string;
  readonly #facts: RequestFacts;
  readonly #heldBody: HeldBody | undefined;
  readonly #memo: { bodyText?: string; body?: { value: unknown } } = {};

  constructor(
    facts: RequestFacts,
    readonly stage: Stage,
    heldBody?: HeldBody,
  ) {
    this.#facts = facts;
    this.#heldBody = heldBody;
    this.method = (facts.request.method ?? 'GET').toUpperCase();
    this.url = facts.request.url ?? '/';
    Object.freeze(this);
  }

  get protocol(): Protocol {
    return this.#facts.protocol;
  }

  get path(): string {
    return this.#facts.path;
  }

  get query(): RequestView['query'] {
    return this.#facts.query;
  }

  get headers(): HeaderView {
    return this.#facts.headers;
  }

  get cookies(): RequestView['cookies'] {
    return this.#facts.cookies;
  }

  get clientIp(): string | undefined {
    return this.#facts.identity.clientIp;
  }

  get userId(): string | undefined {
    return this.#facts.identity.userId;
  }

  get bodyText(): string | undefined {
    if (this.#heldBody === undefined) return undefined;
    this.#memo.bodyText ??= decodeBodyText(this.#heldBody);
    return this.#memo.bodyText;
  }

  get body(): unknown {
    const text = this.bodyText;
    if (text === undefined || this.#heldBody === undefined) return undefined;
    this.#memo.body ??= {
      value: parseBodyText(
        text,
        bodyMediaType(this.#heldBody)?.essence,
        this.protocol,
      ),
    };
    return this.#memo.body.value;
  }

  get graphql(): GraphqlFacts {
    if (this.protocol !== 'graphql') return undefined;
    const body = this.body as
      { query?: unknown; operationName?: unknown } | undefined;
    if (this.#heldBody === undefined || body === undefined) {
      return this.#facts.queryOperation;
    }
    return operationFacts(
      typeof body.query === 'string' ? body.query : undefined,
      typeof body.operationName === 'string' ? body.operationName : undefined,
    );
  }
}

// Every view shares this prototype, so a filter that redefined a getter on
// it would change what later filters and later requests see.
Object.freeze(HttpRequestView.prototype);
