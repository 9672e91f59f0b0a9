import { TextDecoder } from 'node:util';

/** Text decoded from body bytes. */
export interface DecodedText {
  text: string;
  /** Set when the declared charset is unknown and UTF-8 was used instead. */
  unknownCharset?: string;
}

const decoders = new Map<string, TextDecoder>();

function decoderFor(label: string): TextDecoder | undefined {
  let decoder = decoders.get(label);
  if (decoder !== undefined) return decoder;
  try {
    decoder = new TextDecoder(label, { fatal: false });
  } catch {
    return undefined;
  }
  // The cache is bounded by the labels TextDecoder accepts (about 200).
  decoders.set(label, decoder);
  return decoder;
}

/**
 * Decodes body bytes in the declared charset (UTF-8 by default). The bytes
 * are decoded in one call, so a character is never split at a chunk boundary.
 * When the bytes are only the start of the body, a trailing partial
 * character is dropped instead of becoming U+FFFD.
 */
export function decodeText(
  bytes: Buffer,
  charset: string | undefined,
  partial: boolean,
): DecodedText {
  const label = charset ?? 'utf-8';
  let decoder = decoderFor(label);
  let unknownCharset: string | undefined;
  if (decoder === undefined) {
    unknownCharset = label;
    decoder = decoderFor('utf-8')!;
  }
  // `stream: true` keeps an incomplete trailing sequence back; a fresh
  // decode() call without it then resets the shared decoder's state.
  const text = decoder.decode(bytes, { stream: partial });
  if (partial) decoder.decode();
  return unknownCharset === undefined ? { text } : { text, unknownCharset };
}
