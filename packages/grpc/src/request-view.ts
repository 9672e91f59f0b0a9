import type {
  BlockingEngine,
  HeaderView,
  RequestIdentity,
  RequestView,
} from '@tracegate/blocking';
import { deepFreeze, normalizeIp } from '@tracegate/blocking';
import { parseCookie } from 'cookie';
import { isMetadata } from './metadata-render';
import { renderMessageJson } from './message-json';
import { peerIp } from './peer-address';
import { errorName, logErrorOnce } from './safe';

const NO_QUERY: RequestView['query'] = Object.freeze({});

/**
 * Builds the headers-stage view of a served call from the grpc-js call
 * object: method `POST`, the method path as URL and path, the metadata as
 * headers, and the client IP from the connection's peer address.
 */
export function buildHeadersView(
  call: object,
  path: string,
  engine: BlockingEngine,
): RequestView {
  const fields = call as { metadata?: unknown; getPeer?: unknown };
  const headers = metadataHeaders(fields.metadata);
  const peer =
    typeof fields.getPeer === 'function'
      ? peerIp((fields.getPeer as () => unknown).call(call))
      : undefined;
  const identity = identify(engine, peer, headers);
  const view: RequestView = {
    protocol: 'grpc',
    stage: 'headers',
    method: 'POST',
    url: path,
    path,
    query: NO_QUERY,
    headers,
    cookies: cookies(headers.cookie),
    grpc: methodNames(path),
  };
  // Only known values are set, so the view has no key whose value is
  // undefined.
  const writable = view as { clientIp?: string; userId?: string };
  if (identity.clientIp !== undefined) writable.clientIp = identity.clientIp;
  if (identity.userId !== undefined) writable.userId = identity.userId;
  return Object.freeze(view);
}

/** A body-stage view, and whether its message was cut at the size limit. */
export interface BodyView {
  readonly view: RequestView;
  readonly truncated: boolean;
}

/**
 * Builds the body-stage view: the message as the plain object of its JSON
 * mapping (bytes as base64, 64-bit integers as decimal strings) and that
 * JSON as `bodyText`. A message whose JSON is longer than `maxBytes` gets
 * the cut text and no `body`. `undefined` stands for a request stream that
 * ended without a message: its body text is empty.
 */
export function withBody(
  view: RequestView,
  message: unknown,
  maxBytes: number,
): BodyView {
  if (message === undefined) {
    const empty: RequestView = { ...view, stage: 'body', bodyText: '' };
    return { view: Object.freeze(empty), truncated: false };
  }
  const json = renderMessageJson(message, maxBytes);
  const body = json.truncated ? undefined : parseJson(json.text);
  const bodyView: RequestView = Object.freeze({
    ...view,
    stage: 'body',
    bodyText: json.text,
    ...(body !== undefined && { body }),
  });
  return { view: bodyView, truncated: json.truncated };
}

/**
 * Returns the text metadata of a call as headers, names lowercased. Binary
 * entries (`-bin` keys) are left out, because their values are bytes, not
 * text. A key sent once is a string, a repeated key an array.
 */
function metadataHeaders(metadata: unknown): HeaderView {
  const headers = Object.create(null) as Record<
    string,
    string | readonly string[]
  >;
  if (!isMetadata(metadata)) return Object.freeze(headers);
  for (const [key, values] of Object.entries(metadata.toJSON())) {
    const name = key.toLowerCase();
    if (name.endsWith('-bin')) continue;
    const texts = values.map(String);
    if (texts.length === 0) continue;
    headers[name] = texts.length === 1 ? texts[0] : Object.freeze(texts);
  }
  return Object.freeze(headers);
}

/**
 * Returns the client IP and user id as the engine's trusted-proxy and user
 * id options derive them. Without `identify`, or when it throws, the peer
 * address is the client and there is no user id.
 */
function identify(
  engine: BlockingEngine,
  peer: string | undefined,
  headers: HeaderView,
): RequestIdentity {
  if (typeof engine.identify !== 'function') {
    return { clientIp: normalizeIp(peer) };
  }
  try {
    return engine.identify(peer, headers);
  } catch (error) {
    logErrorOnce(
      'blocking identify',
      `the blocking engine's identify() threw ${errorName(error)}; gRPC ` +
        'calls use the peer address as client IP and no user id ' +
        '(further failures are not logged)',
    );
    return { clientIp: normalizeIp(peer) };
  }
}

const NO_COOKIES: RequestView['cookies'] = Object.freeze(
  Object.create(null) as Record<string, string>,
);

function cookies(
  header: string | readonly string[] | undefined,
): RequestView['cookies'] {
  // Most gRPC clients send no cookie, and the frozen empty object is shared.
  if (header === undefined) return NO_COOKIES;
  const result = Object.create(null) as Record<string, string>;
  const text = typeof header === 'string' ? header : header.join('; ');
  for (const [name, value] of Object.entries(parseCookie(text))) {
    if (value !== undefined) result[name] = value;
  }
  return Object.freeze(result);
}

/**
 * Frozen service and method names per method path. The paths are those of
 * the handlers registered on the server, so the map stays as small as the
 * services it serves.
 */
const methodNamesByPath = new Map<string, RequestView['grpc']>();

function methodNames(path: string): RequestView['grpc'] {
  let names = methodNamesByPath.get(path);
  if (names === undefined) {
    names = Object.freeze(splitMethodPath(path));
    methodNamesByPath.set(path, names);
  }
  return names;
}

/** Splits `/package.Service/Method` into its service and method names. */
export function splitMethodPath(path: string): {
  service: string;
  method: string;
} {
  const slash = path.lastIndexOf('/');
  return {
    service: path.slice(path.startsWith('/') ? 1 : 0, Math.max(slash, 0)),
    method: path.slice(slash + 1),
  };
}

function parseJson(text: string): unknown {
  try {
    return deepFreeze(JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}
