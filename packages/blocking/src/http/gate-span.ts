import type { Attributes, Context, Span, Tracer } from '@opentelemetry/api';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  propagation,
  trace,
} from '@opentelemetry/api';
import {
  ATTR_CLIENT_ADDRESS,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_METHOD_ORIGINAL,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_NETWORK_PEER_ADDRESS,
  ATTR_NETWORK_PEER_PORT,
  ATTR_NETWORK_PROTOCOL_VERSION,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_PATH,
  ATTR_URL_QUERY,
  ATTR_URL_SCHEME,
  ATTR_USER_AGENT_ORIGINAL,
} from '@opentelemetry/semantic-conventions';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { RequestFacts } from '../view/http-request-view';

// The methods of the HTTP semantic conventions. Others become `_OTHER`, as
// in instrumentation-http 0.223.
const KNOWN_METHODS = new Set([
  'CONNECT',
  'DELETE',
  'GET',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'POST',
  'PUT',
  'QUERY',
  'TRACE',
]);

// Query parameters that carry signatures in presigned URLs. instrumentation-http
// 0.223 replaces the same names' values by `REDACTED` in `url.query`.
const SIGNATURE_PARAMETERS = [
  'sig',
  'Signature',
  'AWSAccessKeyId',
  'X-Goog-Signature',
];

/**
 * A server span that the gate starts for a request event that
 * instrumentation-http 0.223 does not trace (`checkContinue`, `upgrade` and
 * `connect`), so the decisions on that request reach the trace backend.
 * Its name, parent and attributes follow instrumentation-http's server
 * spans: named after the method, a child of the context that the request
 * headers propagate, with the stable HTTP semantic-convention attributes.
 * One difference: `client.address` is the client IP that the filters see,
 * after the trusted-proxy rules, where instrumentation-http takes the first
 * `Forwarded` or `X-Forwarded-For` entry that any client can write.
 */
export class GateSpan {
  readonly span: Span;
  /** The propagated parent context with this span set in it. */
  readonly context: Context;
  private ended = false;

  constructor(tracer: Tracer, facts: RequestFacts) {
    const { request } = facts;
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    this.span = tracer.startSpan(
      request.method ?? 'GET',
      {
        kind: SpanKind.SERVER,
        attributes: requestAttributes(request, facts.identity.clientIp),
      },
      parent,
    );
    this.context = trace.setSpan(parent, this.span);
  }

  /**
   * Ends the span once, and later calls do nothing. `status` is the status
   * of the block response that the gate sent itself. A status of 500 and
   * above marks the span as an error, as instrumentation-http does.
   */
  end(status?: number): void {
    if (this.ended) return;
    this.ended = true;
    if (status !== undefined) {
      this.span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
      if (status >= 500) this.span.setStatus({ code: SpanStatusCode.ERROR });
    }
    this.span.end();
  }
}

/**
 * Starts a {@link GateSpan} when no span is active for the request event,
 * and returns undefined when one is: the gate then records on that span.
 */
export function startGateSpan(
  tracer: Tracer,
  facts: RequestFacts,
  active: Context,
): GateSpan | undefined {
  if (trace.getSpan(active) !== undefined) return undefined;
  return new GateSpan(tracer, facts);
}

function requestAttributes(
  request: IncomingMessage,
  clientIp: string | undefined,
): Attributes {
  const method = request.method ?? 'GET';
  const normalized = KNOWN_METHODS.has(method.toUpperCase())
    ? method.toUpperCase()
    : '_OTHER';
  const { path, query } = splitRawTarget(request.url ?? '/');
  const attributes: Attributes = {
    [ATTR_HTTP_REQUEST_METHOD]: normalized,
    [ATTR_URL_SCHEME]: isEncrypted(request) ? 'https' : 'http',
    [ATTR_URL_PATH]: path,
    [ATTR_NETWORK_PEER_ADDRESS]: request.socket?.remoteAddress,
    [ATTR_NETWORK_PEER_PORT]: request.socket?.remotePort,
    [ATTR_NETWORK_PROTOCOL_VERSION]: request.httpVersion,
    [ATTR_USER_AGENT_ORIGINAL]: request.headers['user-agent'],
    [ATTR_CLIENT_ADDRESS]: clientIp,
  };
  if (method !== normalized) {
    attributes[ATTR_HTTP_REQUEST_METHOD_ORIGINAL] = method;
  }
  if (query !== undefined) attributes[ATTR_URL_QUERY] = redactSignatures(query);
  Object.assign(attributes, serverAddress(request.headers.host));
  return attributes;
}

// instrumentation-http takes the scheme from the module (`http` or `https`)
// whose server received the request. A TLS socket marks the same requests.
function isEncrypted(request: IncomingMessage): boolean {
  return (request.socket as TLSSocket | undefined)?.encrypted === true;
}

// Splits the target as received. instrumentation-http resolves dot segments
// with the URL parser, but a CONNECT target (`host:port`) is no path for
// that parser, so the gate records the path unchanged.
function splitRawTarget(target: string): { path: string; query?: string } {
  const mark = target.indexOf('?');
  if (mark < 0) return { path: target };
  return { path: target.slice(0, mark), query: target.slice(mark + 1) };
}

function redactSignatures(query: string): string {
  const parameters = new URLSearchParams(query);
  let changed = false;
  for (const name of SIGNATURE_PARAMETERS) {
    if (!parameters.has(name)) continue;
    parameters.set(name, 'REDACTED');
    changed = true;
  }
  return changed ? parameters.toString() : query;
}

function serverAddress(host: string | undefined): Attributes {
  if (host === undefined || host === '') return {};
  try {
    const url = new URL(`http://${host}`);
    const address = url.hostname.replace(/^\[(.*)\]$/, '$1');
    return url.port === ''
      ? { [ATTR_SERVER_ADDRESS]: address }
      : {
          [ATTR_SERVER_ADDRESS]: address,
          [ATTR_SERVER_PORT]: Number(url.port),
        };
  } catch {
    return {};
  }
}
