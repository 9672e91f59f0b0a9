import { CONTROL, NON_ASCII, PERCENT, charMask } from './char-mask';
// Encodings of `.`, `/` and `\` that some servers and libraries decode:
// overlong UTF-8 (`%c0%ae`), IIS `%u` escapes and full-width forms.
const ENCODED_DOT = /%c0%ae|%e0%80%ae|%c0%2e|%u002e|%uff0e|\uff0e/gi;
const ENCODED_SLASH =
  /%c0%af|%e0%80%af|%c1%9c|%c1%1c|%c0%5c|%u2215|%u2216|%uefc8|%uf025|\u2215|\u2216|\uff0f|\uff3c/gi;
// A `..` segment: after the start or a separator, before a separator or
// the end. After a quote or `=` only with a backslash (`filename="..\x"`),
// because HTML links write `href="../"`. Three or more dots also pass some filters that strip `../`.
const DOT_DOT_SEGMENT =
  /(?:^|[\\/])\.{2,4}[\\/]|["'=]\.{2,4}\\|[\\/]\.{2,4}$|^\.{2,4}[\\/;]/;
// Files whose names alone show the request aims at the host system.
const SENSITIVE_FILE =
  /(?:^|[\\/:=])(?:etc[\\/]+(?:passwd|shadow|group|hosts|issue|sudoers|crontab|master\.passwd)|proc[\\/]+(?:(?:self|\d{1,7})[\\/]+(?:environ|cmdline|maps|mem|fd|cwd|exe|status|root)|sys[\\/]|net[\\/])|windows[\\/]+(?:win\.ini|system\.ini|system32)|winnt[\\/]+win\.ini|boot\.ini|inetpub[\\/]|\.ssh[\\/]+(?:id_[a-z0-9]{1,10}|authorized_keys)|\.aws[\\/]+credentials|\.bash_history|\.env(?:$|[\\/.])|\.htpasswd|\.htaccess|web\.config|wp-config\.php|\.git[\\/]+(?:config|head)|var[\\/]+log[\\/])/i;
// A NUL after an extension cuts the name in C-based file APIs.
// eslint-disable-next-line no-control-regex
const NUL_AFTER_NAME = /\.[a-z0-9]{1,8}(?:%00|\u0000)/i;

function normalise(value: string): string {
  return value.replace(ENCODED_DOT, '.').replace(ENCODED_SLASH, '/');
}

/**
 * Classifies `value` as path traversal: `..` segments in any separator or
 * encoding, or a path to a well-known sensitive file. Returns the rule id.
 * `classes` is the value's `charMask`, when the caller has it.
 */
export function detectPathTraversal(
  value: string,
  classes = charMask(value),
): string | undefined {
  if (!/[./\\%\uff0e\u2215\u2216\uff0f\uff3c]/.test(value)) {
    return undefined;
  }
  // The encoded forms all contain `%` or a character beyond ASCII.
  const encoded = (classes & (PERCENT | NON_ASCII)) !== 0;
  const path = encoded ? normalise(value) : value;
  if (path.includes('..') && DOT_DOT_SEGMENT.test(path)) {
    return 'path_traversal.dot_dot';
  }
  if (SENSITIVE_FILE.test(path)) {
    return 'path_traversal.sensitive_file';
  }
  const nul = encoded || (classes & CONTROL) !== 0;
  return nul && NUL_AFTER_NAME.test(path)
    ? 'path_traversal.nul_byte'
    : undefined;
}

export const PATH_TRAVERSAL_PATTERNS: readonly RegExp[] = [
  ENCODED_DOT,
  ENCODED_SLASH,
  DOT_DOT_SEGMENT,
  SENSITIVE_FILE,
  NUL_AFTER_NAME,
];
