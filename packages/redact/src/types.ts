/** A sensitive value that was found: its type and where it was found. */
export interface Finding {
  /** Detector type (`credit_card`), key rule (`password`), header name or custom detector name. */
  type: string;
  /** Location such as `body.customer.card`, `header.authorization` or `query.token`. */
  path: string;
}

/** Receives each sensitive value that was found and where. */
export interface FindingSink {
  (finding: Finding): void;
}

/**
 * Treatment of a detected value: `mask` replaces it with
 * `[REDACTED:type]`, `partial` keeps its last characters, `hash` replaces it
 * with a keyed hash, and `classify` keeps it and only reports it.
 */
export type RedactionAction = 'mask' | 'partial' | 'hash' | 'classify';

/** A detector defined in configuration, by key pattern or by value pattern. */
export interface CustomDetectorOptions {
  /** Type name used in masks and findings, such as `employee_id`. */
  name: string;
  /** Values under keys that match this pattern are sensitive as a whole. */
  keyPattern?: string | RegExp;
  /** Substrings of any value that match this pattern are sensitive. */
  valuePattern?: string | RegExp;
  /** Flags for a pattern given as a string (`i`, `m`, `s` or `u`). */
  flags?: string;
  /** Action for this detector (default `mask`). */
  action?: RedactionAction;
}

/** Options of a {@link Redactor}; every list is added to the defaults. */
export interface RedactorOptions {
  /** Header names (case-insensitive) whose values are masked, added to the defaults. */
  sensitiveHeaders?: string[];
  /** Key names whose values are masked in JSON, forms, query strings and XML:
   *  strings match case-insensitively after removing '-', '_' and '.';
   *  RegExp values are tested as given. Added to the defaults. */
  sensitiveKeys?: Array<string | RegExp>;
  /** Names of the built-in value detectors to run (default: every built-in). */
  detectors?: string[];
  /** ISO 3166 country codes (`GB`, `DE`) whose national phone format, such
   *  as `020 7946 0958`, is detected too (default: none; North American
   *  and international `+` numbers are always detected). */
  phoneRegions?: string[];
  /** Detectors defined by key pattern or value pattern. A pattern that can
   *  backtrack catastrophically is rejected (see `problems`). */
  customDetectors?: CustomDetectorOptions[];
  /** Action per type: a built-in detector type, a key rule, a header name or
   *  a custom detector name. Types not listed use their default action. */
  actions?: Record<string, RedactionAction>;
  /** Secret key of the `hash` action (HMAC-SHA256), at least 16 bytes. */
  hashKey?: string | Uint8Array;
  /** Hex characters of the HMAC kept in a hash mask, 8 to 64 (default 16). */
  hashLength?: number;
  /** Characters kept by the `partial` action (default 4). */
  partialLength?: number;
  /** GraphQL literal values to mask: `sensitive` (key rules and detectors,
   *  the default) or `all`. */
  graphqlLiterals?: 'sensitive' | 'all';
}

/** A span attribute value as OpenTelemetry accepts it. */
export type AttributeValue =
  | string
  | number
  | boolean
  | Array<null | undefined | string>
  | Array<null | undefined | number>
  | Array<null | undefined | boolean>;
