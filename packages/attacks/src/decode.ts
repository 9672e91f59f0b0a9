import { MAX_DECODE_ROUNDS } from './limits';

const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
// IIS accepts %uXXXX, which some payloads use to hide dots and slashes.
const PERCENT_U = /%[uU]([0-9A-Fa-f]{4})/g;
const utf8 = new TextDecoder('utf-8', { fatal: false });

function decodeRun(run: string): string {
  const bytes = new Uint8Array(run.length / 3);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
  }
  return utf8.decode(bytes);
}

/**
 * Decodes `%XX` runs as UTF-8 (invalid sequences become U+FFFD) and
 * `%uXXXX` escapes. Malformed escapes stay as they are, unlike
 * `decodeURIComponent`, which throws on them.
 */
export function percentDecode(value: string): string {
  if (!value.includes('%')) {
    return value;
  }
  return value
    .replace(PERCENT_U, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    )
    .replace(PERCENT_RUN, decodeRun);
}

/**
 * Returns the forms of a value that the detectors inspect. They are the
 * value, which the caller has cut to the length limit, and up to two rounds
 * of percent-decoding of it. When the value has `+` and no whitespace, a
 * form with `+` read as a space follows, as form encoding writes it,
 * unless `plusAsSpace` is false (values from XML, where `+` is literal).
 */
export function decodedVariants(value: string, plusAsSpace = true): string[] {
  const variants = [value];
  let current = value;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    const next = percentDecode(current);
    if (next === current) {
      break;
    }
    variants.push(next);
    current = next;
  }
  if (plusAsSpace && current.includes('+') && !/\s/.test(current)) {
    variants.push(current.replace(/\+/g, ' '));
  }
  return variants;
}

export const DECODE_PATTERNS: readonly RegExp[] = [PERCENT_RUN, PERCENT_U];
