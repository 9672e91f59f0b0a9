import { MIN_HASH_KEY_BYTES } from '@tracegate/redact';
import type { ValueKind } from './value-kind';

/**
 * Maximum bytes of a hash key. HMAC-SHA256 first hashes any key longer than
 * its 64-byte block, so the limit only bounds memory.
 */
export const MAX_HASH_KEY_BYTES = 4096;

const HIDDEN = 'hidden because it is a secret';

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

// Input is printed by type and size only, never by content.
function showSecretInput(raw: unknown): string {
  if (typeof raw === 'string') {
    return `a string of ${byteLength(raw.trim())} bytes (${HIDDEN})`;
  }
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return `a list (${HIDDEN})`;
  return `a ${typeof raw} (${HIDDEN})`;
}

/**
 * HMAC key of the `hash` action: a string of at least `MIN_HASH_KEY_BYTES`
 * UTF-8 bytes after trimming, printed only as its size.
 */
export const hashKeyKind: ValueKind<string> = {
  typeLabel: `secret string, ${MIN_HASH_KEY_BYTES} to ${MAX_HASH_KEY_BYTES} bytes`,
  describeAccepted: () =>
    `a string of ${MIN_HASH_KEY_BYTES} to ${MAX_HASH_KEY_BYTES} bytes in UTF-8, such as the output of \`openssl rand -hex 32\``,
  parse: (raw) => {
    if (typeof raw !== 'string') return { ok: false };
    const key = raw.trim();
    const bytes = byteLength(key);
    if (bytes < MIN_HASH_KEY_BYTES || bytes > MAX_HASH_KEY_BYTES) {
      return { ok: false };
    }
    return { ok: true, value: key };
  },
  fromEnv: (text) => text,
  format: (value) => `(set, ${byteLength(value)} bytes)`,
  showInput: showSecretInput,
};
