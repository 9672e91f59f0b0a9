import { createHash } from 'node:crypto';
import type { RawExchange } from './raw-connection';

// Header lines whose values change from one run to the next: the time, and
// the keep-alive timing that Node announces.
const VOLATILE_HEADER = /\r\n(date|keep-alive): [^\r\n]*/gi;
// Longer exchanges are compared by hash, so a failure message stays short.
const MAX_SHOWN_BYTES = 16 * 1024;

/**
 * Returns a connection's received bytes as Latin-1 text, with the values of
 * the Date and Keep-Alive headers replaced, followed by how it ended.
 * Exchanges over MAX_SHOWN_BYTES are shown as their length, SHA-256 and
 * first bytes.
 */
export function normaliseExchange(exchange: RawExchange): string {
  const text = exchange.received
    .toString('latin1')
    .replace(VOLATILE_HEADER, '\r\n$1: <normalised>');
  const ending = `\n[${exchange.ending}]`;
  if (text.length <= MAX_SHOWN_BYTES) return text + ending;
  const sha256 = createHash('sha256').update(text, 'latin1').digest('hex');
  return (
    `${text.length} bytes, sha256 ${sha256}, starting with:\n` +
    text.slice(0, 1024) +
    ending
  );
}

/**
 * Returns the status codes of the responses in a connection's bytes. Each
 * response is skipped by its framing: no body for 1xx, 204 and 304, else
 * Content-Length, else chunked encoding. Any other body runs to the close.
 */
export function statusCodes(exchange: RawExchange): number[] {
  const bytes = exchange.received;
  const statuses: number[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const headEnd = bytes.indexOf('\r\n\r\n', offset, 'latin1');
    if (headEnd < 0) break;
    const head = bytes.subarray(offset, headEnd).toString('latin1');
    const statusLine = /^HTTP\/1\.[01] (\d{3})/.exec(head);
    if (statusLine === null) break;
    const status = Number(statusLine[1]);
    statuses.push(status);
    const bodyStart = headEnd + 4;
    const bodyLength = framedBodyLength(status, head, bytes, bodyStart);
    if (bodyLength === undefined) break;
    offset = bodyStart + bodyLength;
  }
  return statuses;
}

// NOTE: a response to HEAD announces a Content-Length without a body, and
// is read here as if the body followed, so HEAD must be the last request
// of its connection.
function framedBodyLength(
  status: number,
  head: string,
  bytes: Buffer,
  bodyStart: number,
): number | undefined {
  if (status < 200 || status === 204 || status === 304) return 0;
  const contentLength = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (contentLength !== null) return Number(contentLength[1]);
  if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
    return chunkedBodyLength(bytes, bodyStart);
  }
  return undefined;
}

// Returns the length of a chunked body, trailers included, or undefined
// when the bytes end before its last chunk.
function chunkedBodyLength(
  bytes: Buffer,
  bodyStart: number,
): number | undefined {
  let position = bodyStart;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', position, 'latin1');
    if (lineEnd < 0) return undefined;
    const size = parseInt(bytes.toString('latin1', position, lineEnd), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) {
      const end = bytes.indexOf('\r\n\r\n', lineEnd, 'latin1');
      return end < 0 ? undefined : end + 4 - bodyStart;
    }
    position = lineEnd + 2 + size + 2;
  }
}
