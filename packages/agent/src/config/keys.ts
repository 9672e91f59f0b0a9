import {
  BUILT_IN_DETECTORS,
  DEFAULT_HASH_LENGTH,
  DEFAULT_PARTIAL_LENGTH,
} from '@tracegate/redact';
import { actionMapKind } from './action-map-kind';
import { detectorListKind } from './detector-list-kind';
import { envNameFor } from './env-names';
import { hashKeyKind } from './hash-key-kind';
import { headerMapKind } from './header-map-kind';
import {
  fieldNameSchema,
  headerNameSchema,
  mediaRangeSchema,
} from './http-syntax';
import type { ConfigKey, ConfigValue } from './key-paths';
import { listKind } from './list-kind';
import {
  booleanKind,
  enumKind,
  httpUrlKind,
  integerKind,
  textKind,
} from './scalar-kinds';
import {
  checkedStringKind,
  claimNameSchema,
  modulePathSchema,
  requestPathSchema,
  trustedProxySchema,
} from './blocking-syntax';
import { filterOptionsKind } from './filter-options-kind';
import type { CustomDetectorConfig } from './types';
import {
  BODY_LIMIT_ACTIONS,
  CLIENT_IP_HEADERS,
  EXPORT_PROTOCOLS,
  LOG_LEVELS,
} from './types';
import type { ValueKind } from './value-kind';
import { z } from 'zod';

/** Upper bound of `capture.maxBodyBytes`: 16 MiB. */
export const MAX_BODY_BYTES_LIMIT = 16 * 1024 * 1024;

/** Upper bound of `blocking.bodyStage.maxBytes`: 64 MiB. */
export const MAX_BODY_STAGE_BYTES = 64 * 1024 * 1024;

/** Upper bound of `blocking.bodyStage.maxTotalBytes`: 4 GiB. */
export const MAX_BODY_STAGE_TOTAL_BYTES = 4 * 1024 * 1024 * 1024;

/** Row of the key table. */
export interface KeySpec<V> {
  readonly key: ConfigKey;
  readonly kind: ValueKind<Exclude<V, undefined>>;
  /** Built-in value; `undefined` leaves an optional key unset. */
  readonly default: V;
  /** Environment variable, derived from the key. */
  readonly env: string;
  /** Description of the key, as docs/configuration.md gives it. */
  readonly doc: string;
  /** Feature that a boolean key switches, named in problem messages. */
  readonly subject?: string;
}

// Names the accepted detectors in full, because no short example covers them.
function builtInDetectorsKind(): ValueKind<string[]> {
  const names = BUILT_IN_DETECTORS.join(', ');
  const kind = listKind({
    noun: 'built-in detector name',
    examples: 'credit_card, email',
    schema: z.enum(BUILT_IN_DETECTORS as [string, ...string[]]),
  });
  return {
    ...kind,
    describeAccepted: (source) =>
      source === 'env'
        ? `a comma-separated list of built-in detector names from ${names}`
        : `a list of built-in detector names from ${names}`,
  };
}

type KeyDefinition<V> = Omit<KeySpec<V>, 'key' | 'env'>;

// Mapping every ConfigKey makes the compiler reject a missing or extra row.
type KeyDefinitions = {
  readonly [P in ConfigKey]: KeyDefinition<ConfigValue<P>>;
};

const DEFINITIONS: KeyDefinitions = {
  enabled: {
    kind: booleanKind,
    default: true,
    doc: 'Master switch. `false` installs no instrumentation and exports nothing.',
    subject: 'the agent',
  },
  serviceName: {
    kind: textKind,
    default: undefined,
    doc: 'Service name on every span (`service.name`). When unset, `OTEL_SERVICE_NAME` or the application package name is used.',
  },
  logLevel: {
    kind: enumKind(LOG_LEVELS),
    default: 'warn',
    doc: 'Level of the diagnostics that the agent writes through the OpenTelemetry diag logger.',
  },
  'capture.server': {
    kind: booleanKind,
    default: true,
    doc: 'Capture incoming requests that the service serves.',
    subject: 'capture of incoming requests',
  },
  'capture.client': {
    kind: booleanKind,
    default: true,
    doc: 'Capture outgoing requests made with `http`, `https` and `fetch`.',
    subject: 'capture of outgoing requests',
  },
  'capture.requestHeaders': {
    kind: booleanKind,
    default: true,
    doc: 'Record request headers on spans, after redaction.',
    subject: 'capture of request headers',
  },
  'capture.responseHeaders': {
    kind: booleanKind,
    default: true,
    doc: 'Record response headers on spans, after redaction.',
    subject: 'capture of response headers',
  },
  'capture.requestBody': {
    kind: booleanKind,
    default: true,
    doc: 'Record request bodies on spans, after redaction.',
    subject: 'capture of request bodies',
  },
  'capture.responseBody': {
    kind: booleanKind,
    default: true,
    doc: 'Record response bodies on spans, after redaction.',
    subject: 'capture of response bodies',
  },
  'capture.maxBodyBytes': {
    kind: integerKind(0, MAX_BODY_BYTES_LIMIT, 'bytes'),
    default: 128 * 1024,
    doc: 'Maximum number of bytes kept from each body; the rest is dropped and the body is marked as truncated.',
  },
  'capture.contentTypes': {
    kind: listKind({
      noun: 'media range',
      examples: 'application/json, text/* or application/*+json',
      schema: mediaRangeSchema,
    }),
    default: Object.freeze([
      'application/json',
      'application/*+json',
      'application/x-www-form-urlencoded',
      'text/*',
      'application/xml',
      'application/*+xml',
      'text/xml',
      'application/graphql',
      'multipart/form-data',
    ]) as string[],
    doc: 'Media ranges of the bodies that are recorded: `type/subtype`, `type/*` or `type/*+suffix`. Bodies of other types are not recorded.',
  },
  'capture.decompress': {
    kind: booleanKind,
    default: true,
    doc: 'Decode gzip, deflate and br bodies before recording them.',
    subject: 'decompression of captured bodies',
  },
  'redaction.sensitiveHeaders': {
    kind: listKind({
      noun: 'header name',
      examples: 'x-api-key, x-session',
      schema: headerNameSchema,
    }),
    default: Object.freeze([]) as unknown as string[],
    doc: 'Header names whose values are masked, in addition to the built-in list.',
  },
  'redaction.sensitiveKeys': {
    kind: listKind({
      noun: 'field name',
      examples: 'ssn, cardNumber',
      schema: fieldNameSchema,
    }),
    default: Object.freeze([]) as unknown as string[],
    doc: 'Body field names whose values are masked, in addition to the built-in list.',
  },
  'redaction.actions': {
    kind: actionMapKind,
    default: undefined,
    doc: 'Action per type (a built-in detector, a key rule such as `password`, a header name or a custom detector): `mask`, `partial` keeps the last characters, `hash` writes a keyed hash and `classify` keeps the value and only reports it. Layers merge it per type. Unlisted types keep their default: `classify` for `ipv4` and `ipv6`, `mask` for the rest.',
  },
  'redaction.hashKey': {
    kind: hashKeyKind,
    default: undefined,
    doc: 'HMAC-SHA256 key of the `hash` action, trimmed. Problems and logs print only its size. While it is unset or invalid, every type whose action is `hash` is masked instead and a `TG_CONFIG_HASH_KEY_MISSING` problem names those types.',
  },
  'redaction.hashLength': {
    kind: integerKind(8, 64, 'hex characters'),
    default: DEFAULT_HASH_LENGTH,
    doc: 'Hex characters of the HMAC kept in a `hash` mask.',
  },
  'redaction.partialLength': {
    kind: integerKind(1, 8, 'characters'),
    default: DEFAULT_PARTIAL_LENGTH,
    doc: 'Letters or digits that the `partial` action keeps at the end of a value. A value with at most twice as many is masked whole.',
  },
  'redaction.detectors': {
    kind: detectorListKind,
    default: Object.freeze([]) as unknown as CustomDetectorConfig[],
    doc: 'Custom detectors: each has a `name`, exactly one of `keyPattern` and `valuePattern` (regular expressions as strings), optional `flags` and an optional `action`. In the environment, a JSON array. The redactor leaves out a pattern that is invalid or can backtrack catastrophically, and the agent reports it as a `TG_CONFIG_REDACTOR_OPTION` problem.',
  },
  'redaction.builtInDetectors': {
    kind: builtInDetectorsKind(),
    default: undefined,
    doc: 'Built-in value detectors to run. When unset, all of them run; an empty list turns value detection off and keeps the key and header rules.',
  },
  'redaction.phoneRegions': {
    kind: listKind({
      noun: 'country code',
      examples: 'GB, DE',
      schema: z.string().regex(/^[A-Za-z]{2}$/),
    }),
    default: Object.freeze([]) as unknown as string[],
    doc: 'ISO 3166 country codes whose national phone format, such as `020 7946 0958` for `GB`, is detected as `phone` too. North American numbers and international `+` numbers are detected without it. A code with no national dialling prefix is reported as a `TG_CONFIG_REDACTOR_OPTION` problem and left out.',
  },
  'export.protocol': {
    kind: enumKind(EXPORT_PROTOCOLS),
    default: undefined,
    doc: 'OTLP transport of the trace exporter. When unset, `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`, then `OTEL_EXPORTER_OTLP_PROTOCOL`, then `http/protobuf` apply.',
  },
  'export.endpoint': {
    kind: httpUrlKind,
    default: undefined,
    doc: 'Base URL of the OTLP receiver, read like `OTEL_EXPORTER_OTLP_ENDPOINT`: the HTTP exporters append `/v1/traces` unless the URL already ends with it. When unset, the exporters read the `OTEL_EXPORTER_OTLP_*` variables.',
  },
  'export.headers': {
    kind: headerMapKind,
    default: undefined,
    doc: 'Headers sent with every export request, such as credentials. Layers merge them per header name. Their values never appear in logs or problems.',
  },
  'export.metrics': {
    kind: booleanKind,
    default: false,
    doc: 'Also export metrics over OTLP.',
    subject: 'metrics export',
  },
  'export.logs': {
    kind: booleanKind,
    default: false,
    doc: 'Also export logs over OTLP.',
    subject: 'logs export',
  },
  'instrumentations.http': {
    kind: booleanKind,
    default: true,
    doc: 'Install the instrumentation of the `http` and `https` modules.',
    subject: 'the http and https instrumentation',
  },
  'instrumentations.fetch': {
    kind: booleanKind,
    default: true,
    doc: 'Install the instrumentation of the global `fetch` (undici).',
    subject: 'the fetch instrumentation',
  },
  'instrumentations.express': {
    kind: booleanKind,
    default: true,
    doc: 'Install the Express instrumentation: routes, parsed bodies, handler code locations and errors.',
    subject: 'the Express instrumentation',
  },
  'instrumentations.graphql': {
    kind: booleanKind,
    default: true,
    doc: 'Install the GraphQL instrumentation: operations, masked documents, redacted variables and errors.',
    subject: 'the GraphQL instrumentation',
  },
  'instrumentations.grpc': {
    kind: booleanKind,
    default: true,
    doc: 'Install the gRPC instrumentation of `@grpc/grpc-js`: messages, metadata and status.',
    subject: 'the gRPC instrumentation',
  },
  'blocking.enabled': {
    kind: booleanKind,
    default: true,
    doc: 'Run the blocking filters. Nothing is patched for blocking while no filter is configured, whatever this says.',
    subject: 'blocking',
  },
  'blocking.failClosed': {
    kind: booleanKind,
    default: false,
    doc: 'Block a request when a filter throws, rejects, times out or returns an invalid verdict. By default such a request goes on (fail open). Either way the failure is recorded on the span.',
    subject: 'fail-closed blocking',
  },
  'blocking.timeoutMs': {
    kind: integerKind(1, 10000, 'milliseconds'),
    default: 50,
    doc: 'Time limit of one asynchronous filter call, in milliseconds.',
  },
  'blocking.bodyStage.maxBytes': {
    kind: integerKind(0, MAX_BODY_STAGE_BYTES, 'bytes'),
    default: 1024 * 1024,
    doc: 'Maximum bytes of a request body held for the body stage; a larger body is handled as `blocking.bodyStage.onLimit` says.',
  },
  'blocking.bodyStage.maxTotalBytes': {
    kind: integerKind(0, MAX_BODY_STAGE_TOTAL_BYTES, 'bytes'),
    default: 64 * 1024 * 1024,
    doc: 'Maximum bytes of request bodies held for the body stage by all requests at once; a request whose body passes it is handled as `blocking.bodyStage.onLimit` says.',
  },
  'blocking.bodyStage.timeoutMs': {
    kind: integerKind(1, 600000, 'milliseconds'),
    default: 5000,
    doc: 'Time a request body may take to arrive for the body stage, in milliseconds; a slower body is handled as `blocking.bodyStage.onLimit` says.',
  },
  'blocking.bodyStage.onLimit': {
    kind: enumKind(BODY_LIMIT_ACTIONS),
    default: 'allow',
    doc: 'What happens to a body over a body stage limit: `allow` hands it to the application without the body stage, `block` answers 413 (size), 408 (time) or 503 (total size).',
  },
  'blocking.trustedProxies': {
    kind: listKind({
      noun: 'trusted proxy',
      plural: 'trusted proxies',
      examples: 'loopback, 10.0.0.0/8, 2001:db8::1',
      schema: trustedProxySchema,
    }),
    default: Object.freeze([]) as unknown as string[],
    doc: 'Proxies whose client address header is believed: IP addresses, CIDR ranges or the presets `loopback`, `linklocal` and `uniquelocal`. Empty: the connection peer is the client.',
  },
  'blocking.clientIpHeader': {
    kind: enumKind(CLIENT_IP_HEADERS),
    default: 'x-forwarded-for',
    doc: 'Header that the trusted proxies write the client address chain to: `x-forwarded-for` or `forwarded` (RFC 7239). Only this one is read.',
  },
  'blocking.userId.header': {
    kind: checkedStringKind(
      'header name',
      'a header name, for example x-user-id',
      headerNameSchema,
    ),
    default: undefined,
    doc: 'Request header whose value is the user id that filters and the audit trail see. It wins over `blocking.userId.jwtClaim`.',
  },
  'blocking.userId.jwtClaim': {
    kind: checkedStringKind(
      'claim name',
      'a JWT claim name, for example sub',
      claimNameSchema,
    ),
    default: undefined,
    doc: 'Claim of the Bearer JWT in the Authorization header that is the user id. The signature is not verified, so this identifies a user and does not authenticate one.',
  },
  'blocking.graphqlPaths': {
    kind: listKind({
      noun: 'request path',
      examples: '/graphql, /api/graphql',
      schema: requestPathSchema,
    }),
    default: Object.freeze(['/graphql']) as string[],
    doc: 'Paths of GraphQL endpoints. Requests to them, and requests with the media type `application/graphql`, get GraphQL-shaped block responses.',
  },
  'blocking.filterModules': {
    kind: listKind({
      noun: 'module path',
      examples: './filters/deny-bots.js, @acme/tracegate-filters',
      schema: modulePathSchema,
    }),
    default: Object.freeze([]) as unknown as string[],
    doc: 'Modules that export a filter, a filter function or an array of them, resolved from the working directory. A module that fails to load is reported as a `TG_CONFIG_BLOCKING_OPTION` problem and left out.',
  },
  'blocking.ip': {
    kind: filterOptionsKind('{"mode":"block","deny":["203.0.113.0/24"]}'),
    default: undefined,
    doc: 'Options of the built-in IP filter (see docs/blocking.md). In the environment, a JSON object.',
  },
  'blocking.rules': {
    kind: filterOptionsKind(
      '{"mode":"block","rules":[{"path":"/admin/*","action":"block"}]}',
    ),
    default: undefined,
    doc: 'Options of the built-in method and path rule filter (see docs/blocking.md). In the environment, a JSON object.',
  },
  'blocking.rateLimit': {
    kind: filterOptionsKind(
      '{"mode":"block","limits":[{"by":"ip","rate":"100/m"}]}',
    ),
    default: undefined,
    doc: 'Options of the built-in rate limit filter (see docs/blocking.md). In the environment, a JSON object.',
  },
  'blocking.attacks': {
    kind: filterOptionsKind('{"mode":"monitor"}'),
    default: undefined,
    doc: 'Options of the built-in attack detection filter (see docs/blocking.md). In the environment, a JSON object.',
  },
};

/** Any row of the key table, with its value type erased. */
export type AnyKeySpec = KeySpec<unknown>;

/**
 * The key table: every setting with its type, default, environment variable and
 * doc sentence.
 */
export const CONFIG_KEYS: readonly AnyKeySpec[] = Object.freeze(
  (Object.keys(DEFINITIONS) as ConfigKey[]).map((key): AnyKeySpec =>
    Object.freeze({ ...DEFINITIONS[key], key, env: envNameFor(key) }),
  ),
);

/** Rows of the key table by dotted key. */
export const KEYS_BY_NAME: ReadonlyMap<string, AnyKeySpec> = new Map(
  CONFIG_KEYS.map((spec) => [spec.key, spec]),
);

/** Returns the table row of a key. */
export function specOf(key: ConfigKey): AnyKeySpec {
  const spec = KEYS_BY_NAME.get(key);
  // Unreachable: the table maps every ConfigKey, which the compiler checks.
  if (spec === undefined) throw new Error(`missing key table row: ${key}`);
  return spec;
}
