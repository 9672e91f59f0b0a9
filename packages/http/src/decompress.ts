import * as zlib from 'node:zlib';

/** Result of decoding a Content-Encoding chain. */
export interface Decompressed {
  bytes: Buffer;
  /** Set when the output is not the whole decoded body. */
  problem?: 'corrupt' | 'decode_limit' | 'unsupported_encoding';
}

type Decoder = (input: Buffer, maxOutputLength: number) => Buffer;

// A flush mode that returns what was decoded so far, instead of an error,
// when the input stops early: the capture may hold only a body's first bytes.
const zlibOptions = (maxOutputLength: number): zlib.ZlibOptions => ({
  maxOutputLength,
  finishFlush: zlib.constants.Z_SYNC_FLUSH,
});

const DECODERS: Record<string, Decoder> = {
  gzip: (input, max) => zlib.gunzipSync(input, zlibOptions(max)),
  'x-gzip': (input, max) => zlib.gunzipSync(input, zlibOptions(max)),
  deflate: inflateEither,
  br: (input, max) =>
    zlib.brotliDecompressSync(input, {
      maxOutputLength: max,
      finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
    }),
};

/**
 * `Content-Encoding: deflate` means zlib-wrapped data, but some servers send
 * raw deflate; try the wrapped form first and the raw form second.
 */
function inflateEither(input: Buffer, max: number): Buffer {
  try {
    return zlib.inflateSync(input, zlibOptions(max));
  } catch (error) {
    if (isTooLarge(error)) throw error;
    return zlib.inflateRawSync(input, zlibOptions(max));
  }
}

function isTooLarge(error: unknown): boolean {
  return (
    error instanceof RangeError &&
    (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
  );
}

/**
 * Decodes `bytes` through a Content-Encoding header value such as
 * `gzip` or `deflate, br`, producing at most `maxOutputLength` bytes.
 *
 * zlib reports an output over the limit, or corrupt input, as an error with
 * no partial output. When that happens the largest input prefix that still
 * decodes is found by bisection, so the cost stays bounded (about
 * log2(input length) runs, each stopped by `maxOutputLength`) and the caller
 * still gets the readable start of the body.
 */
export function decompress(
  bytes: Buffer,
  contentEncoding: string,
  maxOutputLength: number,
): Decompressed {
  const codings = contentEncoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  let current: Decompressed = { bytes };
  // Codings are listed in the order they were applied, so undo them backwards.
  for (let i = codings.length - 1; i >= 0; i--) {
    const decoder = DECODERS[codings[i]];
    if (decoder === undefined) {
      return { bytes: current.bytes, problem: 'unsupported_encoding' };
    }
    const step = decodeLongestPrefix(decoder, current.bytes, maxOutputLength);
    current = { bytes: step.bytes, problem: step.problem ?? current.problem };
    if (step.problem === 'corrupt' && step.bytes.length === 0) break;
  }
  return current;
}

function decodeLongestPrefix(
  decoder: Decoder,
  input: Buffer,
  max: number,
): Decompressed {
  const whole = tryDecode(decoder, input, max);
  if (whole.bytes !== undefined) return { bytes: whole.bytes };
  const problem = whole.tooLarge ? 'decode_limit' : 'corrupt';
  let good: Buffer = Buffer.alloc(0);
  let low = 0;
  let high = input.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const attempt = tryDecode(decoder, input.subarray(0, middle), max);
    if (attempt.bytes !== undefined) {
      good = attempt.bytes;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return { bytes: good, problem };
}

function tryDecode(
  decoder: Decoder,
  input: Buffer,
  max: number,
): { bytes?: Buffer; tooLarge?: boolean } {
  try {
    return { bytes: decoder(input, max) };
  } catch (error) {
    return { tooLarge: isTooLarge(error) };
  }
}
