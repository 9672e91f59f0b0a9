/** Header lines of a raw request, in order, as `[name, value]` pairs. */
export type RawHeaders = ReadonlyArray<readonly [string, string | number]>;

/**
 * Builds the head of an HTTP/1.1 request byte for byte: the request line,
 * `Host`, the given headers in order and the blank line. Nothing is added,
 * so each case controls its own framing headers.
 */
export function requestHead(
  method: string,
  target: string,
  headers: RawHeaders = [],
  version = 'HTTP/1.1',
): string {
  const lines = [`${method} ${target} ${version}`, 'Host: 127.0.0.1'];
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Builds a whole request with a `Content-Length` body. */
export function fixedLengthRequest(
  method: string,
  target: string,
  headers: RawHeaders,
  body: Buffer | string,
): Buffer {
  const bytes = Buffer.from(body);
  const head = requestHead(method, target, [
    ...headers,
    ['Content-Length', bytes.length],
  ]);
  return Buffer.concat([Buffer.from(head, 'latin1'), bytes]);
}

/** Encodes one chunk of a chunked body. */
export function chunk(data: Buffer | string): Buffer {
  const bytes = Buffer.from(data);
  return Buffer.concat([
    Buffer.from(`${bytes.length.toString(16)}\r\n`, 'latin1'),
    bytes,
    Buffer.from('\r\n', 'latin1'),
  ]);
}

/** Encodes the last chunk of a chunked body, with optional trailer lines. */
export function lastChunk(trailers: RawHeaders = []): Buffer {
  const lines = trailers.map(([name, value]) => `${name}: ${value}\r\n`);
  return Buffer.from(`0\r\n${lines.join('')}\r\n`, 'latin1');
}

/** Builds a whole request with a chunked body of the given chunks. */
export function chunkedRequest(
  method: string,
  target: string,
  headers: RawHeaders,
  chunks: ReadonlyArray<Buffer | string>,
  trailers: RawHeaders = [],
): Buffer {
  const head = requestHead(method, target, [
    ...headers,
    ['Transfer-Encoding', 'chunked'],
  ]);
  return Buffer.concat([
    Buffer.from(head, 'latin1'),
    ...chunks.map(chunk),
    lastChunk(trailers),
  ]);
}
