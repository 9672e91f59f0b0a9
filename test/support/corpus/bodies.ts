import { gzipSync } from 'node:zlib';

/** A JSON body with a password, a card number and non-ASCII text. */
export const JSON_BODY = JSON.stringify({
  user: 'jane',
  password: 'hunter2',
  card: '4111 1111 1111 1111',
  note: 'ünïcødé € 😀',
});

/** Every byte value once, 0x00 to 0xff. */
export const ALL_BYTES = Buffer.from(
  Array.from({ length: 256 }, (_, value) => value),
);

/** A 5 MiB text body. */
export const FIVE_MIB = Buffer.alloc(
  5 * 1024 * 1024,
  'The quick brown fox {"jumps":1} over 0123456789\n',
);

/** Text with two-, three- and four-byte UTF-8 characters. */
export const UTF8_TEXT = 'naïve café: 5 € — 😀 and ü at the end ü';

/** Splits `bytes` in the middle of every multibyte UTF-8 character. */
export function splitInsideCharacters(bytes: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let index = 1; index < bytes.length; index++) {
    const isContinuation = (bytes[index] & 0xc0) === 0x80;
    const previousStartsCharacter = (bytes[index - 1] & 0xc0) === 0xc0;
    if (isContinuation && previousStartsCharacter) {
      parts.push(bytes.subarray(start, index));
      start = index;
    }
  }
  parts.push(bytes.subarray(start));
  return parts;
}

/** The JSON body, gzip-compressed. */
export const GZIP_JSON = gzipSync(JSON_BODY);

/** Bytes that start like gzip and then are not. */
export const CORRUPT_GZIP = Buffer.concat([
  GZIP_JSON.subarray(0, 12),
  Buffer.from('definitely not deflate data'),
]);

/** 32 MiB of zeros compressed to about 32 KiB: a decompression bomb. */
export const GZIP_BOMB = gzipSync(Buffer.alloc(32 * 1024 * 1024));

/** Boundary of MULTIPART_BODY. */
export const MULTIPART_BOUNDARY = 'tracegate-boundary-7';

/** A multipart/form-data body with a password field and a small file. */
export const MULTIPART_BODY = Buffer.from(
  [
    `--${MULTIPART_BOUNDARY}`,
    'Content-Disposition: form-data; name="title"',
    '',
    'quarterly report',
    `--${MULTIPART_BOUNDARY}`,
    'Content-Disposition: form-data; name="password"',
    '',
    'hunter2',
    `--${MULTIPART_BOUNDARY}`,
    'Content-Disposition: form-data; name="upload"; filename="scan.bin"',
    'Content-Type: application/octet-stream',
    '',
    '\u0000\u0001\u0002binary',
    `--${MULTIPART_BOUNDARY}--`,
    '',
  ].join('\r\n'),
  'latin1',
);

/** A form body with a password and a card number. */
export const FORM_BODY = 'username=jane&password=hunter2&card=4111111111111111';
