import type { RedactionAction } from '@tracegate/redact';

/**
 * Log levels of the OpenTelemetry diag logger, spelled as OTEL_LOG_LEVEL spells
 * them.
 */
export const LOG_LEVELS = [
  'none',
  'error',
  'warn',
  'info',
  'debug',
  'verbose',
  'all',
] as const;

/** Verbosity of the agent's own diagnostics. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * OTLP transport protocols, spelled as OTEL_EXPORTER_OTLP_PROTOCOL spells them.
 */
export const EXPORT_PROTOCOLS = ['http/protobuf', 'grpc', 'http/json'] as const;

/** OTLP transport protocol of the trace exporter. */
export type ExportProtocol = (typeof EXPORT_PROTOCOLS)[number];

/**
 * User-defined detector of the redactor, with its patterns as strings so that
 * it can be written in YAML and JSON.
 */
export interface CustomDetectorConfig {
  /** Type name in masks and findings, such as `employee_id`. */
  name: string;
  /** Pattern of the keys whose values are masked whole. */
  keyPattern?: string;
  /** Pattern of the substrings of any value that are masked. */
  valuePattern?: string;
  /** RegExp flags of the pattern, from `i`, `m`, `s` and `u`. */
  flags?: string;
  /** Action for this detector's type; `redaction.actions` overrides it. */
  action?: RedactionAction;
}

/** Values of `blocking.onLimit`, spelled as the configuration spells them. */
export const BODY_LIMIT_ACTIONS = ['allow', 'block'] as const;

/** Headers that trusted proxies write the client address chain to. */
export const CLIENT_IP_HEADERS = ['x-forwarded-for', 'forwarded'] as const;

/**
 * Options of one built-in blocking filter as the layers give them. The
 * filter's own validation in @tracegate/blocking checks the fields when the
 * agent starts.
 */
export type FilterOptionsInput = Readonly<Record<string, unknown>>;

/** Fully resolved agent configuration, with every default applied. */
export interface TracegateConfig {
  enabled: boolean;
  serviceName?: string;
  logLevel: LogLevel;
  capture: {
    server: boolean;
    client: boolean;
    requestHeaders: boolean;
    responseHeaders: boolean;
    requestBody: boolean;
    responseBody: boolean;
    maxBodyBytes: number;
    contentTypes: string[];
    decompress: boolean;
  };
  redaction: {
    sensitiveHeaders: string[];
    sensitiveKeys: string[];
    actions?: Record<string, RedactionAction>;
    hashKey?: string;
    hashLength: number;
    partialLength: number;
    detectors: CustomDetectorConfig[];
    builtInDetectors?: string[];
    phoneRegions: string[];
  };
  export: {
    protocol?: ExportProtocol;
    endpoint?: string;
    headers?: Record<string, string>;
    metrics: boolean;
    logs: boolean;
  };
  instrumentations: {
    http: boolean;
    fetch: boolean;
    express: boolean;
    graphql: boolean;
    grpc: boolean;
  };
  blocking: {
    enabled: boolean;
    failClosed: boolean;
    timeoutMs: number;
    bodyStage: {
      maxBytes: number;
      maxTotalBytes: number;
      timeoutMs: number;
      onLimit: (typeof BODY_LIMIT_ACTIONS)[number];
    };
    trustedProxies: string[];
    clientIpHeader: (typeof CLIENT_IP_HEADERS)[number];
    userId: {
      header?: string;
      jwtClaim?: string;
    };
    graphqlPaths: string[];
    filterModules: string[];
    ip?: FilterOptionsInput;
    rules?: FilterOptionsInput;
    rateLimit?: FilterOptionsInput;
    attacks?: FilterOptionsInput;
  };
}

/**
 * Recursive optional version of a configuration type, where arrays are replaced
 * whole.
 */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * Programmatic options of `loadConfig`, the layer with the highest precedence.
 */
export type TracegateOptions = DeepPartial<TracegateConfig> & {
  configFile?: string;
};

/** Layer of configuration that a value or a problem comes from. */
export type ConfigSource = 'file' | 'env' | 'options';

/** Invalid or unknown configuration input found by `loadConfig`. */
export interface ConfigProblem {
  /**
   * Dotted configuration key, or the name as written when the key is unknown.
   */
  key: string;
  /** Printable form of the rejected input, with credentials left out. */
  value: string;
  source: ConfigSource;
  /** The sentence that was also logged through the diag logger. */
  message: string;
  /** Stable problem code, listed in docs/configuration.md. */
  code: string;
}
