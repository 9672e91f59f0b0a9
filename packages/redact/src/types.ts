/** Receives each sensitive value that was found and where. */
export interface FindingSink {
  (finding: { type: string; path: string }): void;
}

/** Options of a {@link Redactor}; every list is added to the defaults. */
export interface RedactorOptions {
  /** Header names (case-insensitive) whose values are masked, added to the defaults. */
  sensitiveHeaders?: string[];
  /** Key names whose values are masked in JSON, forms, query strings and XML:
   *  strings match case-insensitively after removing '-', '_' and '.';
   *  RegExp values are tested as given. Added to the defaults. */
  sensitiveKeys?: Array<string | RegExp>;
  /** Names of the value detectors to run (default: every built-in). */
  detectors?: string[];
}
