// Token kinds and flags shared with the WebAssembly scanner in
// assembly/scanner.ts, which declares the same values.

/** Token kinds that the scanner passes to JavaScript. */
export const enum TokenKind {
  Key = 1,
  String = 2,
  Scalar = 3,
  /** A container under a sensitive key, masked whole. */
  Container = 4,
}

/** Results of one scan. */
export const enum ScanResult {
  Ok = 0,
  Invalid = 1,
  /** The text needs the JavaScript scan, for a reason the scanner found. */
  Fallback = 2,
}

/** Bits of the flags of one token. */
export const enum TokenFlag {
  Closed = 1 << 0,
  Escaped = 1 << 1,
  /** The string's first character is '{', '[' or white space. */
  Nested = 1 << 2,
  /** A number or literal cut by the end of a truncated text. */
  Cut = 1 << 3,
  /** "BEGIN" at a word start or "PuTTY". */
  PrivateKey = 1 << 4,
  /** "bearer" at a word start, in any case. */
  Bearer = 1 << 5,
  /** "basi" at a word start, in any case. */
  Basic = 1 << 6,
  /** "dige" at a word start, in any case. */
  Digest = 1 << 7,
  /** "ey" or "ew" at a word start. */
  Jwt = 1 << 8,
  /** AKIA, ASIA, ABIA or ACCA at a word start. */
  AwsId = 1 << 9,
  /** At least 40 characters within reach of "secret", "akia" or "asia". */
  AwsSecret = 1 << 10,
  /** "gh" or "gith" at a word start. */
  GitHub = 1 << 11,
  /** Two upper-case letters and two digits at a word start. */
  Iban = 1 << 12,
  /** An '@'. */
  Email = 1 << 13,
  /** Four runs of one to three digits joined by dots. */
  Ipv4 = 1 << 14,
  /** Seven digits or more in digit groups, not inside a word. */
  Digits = 1 << 15,
  /** A "://", an IPv6 shape, or a key name before ':' or '='. */
  Separated = 1 << 16,
  /** "xox", "xapp" or "hook" at a word start. */
  Slack = 1 << 17,
  /** "sk_", "rk_" or "whse" at a word start. */
  Stripe = 1 << 18,
  /** "AIza" at a word start. */
  Google = 1 << 19,
}
