import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { errorMessage } from './decode-protobuf';
import { RejectedExportError } from './rejected-export-error';

const gunzipAsync = promisify(gunzip);

/**
 * Reads a request body into one buffer.
 *
 * Rejects with a 413 RejectedExportError as soon as the declared or received
 * length exceeds maxBytes, and then discards the rest of the body. Rejects
 * with a 400 one when the client disconnects or the stream fails.
 */
export function readRequestBody(
  request: IncomingMessage,
  maxBytes: number,
): Promise<Buffer> {
  const declaredLength = Number(request.headers['content-length']);
  if (declaredLength > maxBytes) {
    request.resume();
    return Promise.reject(
      bodyTooLarge(
        `request body of ${declaredLength} bytes exceeds the limit of ${maxBytes} bytes`,
      ),
    );
  }

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let receivedBytes = 0;
    const onData = (chunk: Buffer): void => {
      receivedBytes += chunk.length;
      if (receivedBytes > maxBytes) {
        chunks.length = 0;
        request.off('data', onData);
        reject(
          bodyTooLarge(`request body exceeds the limit of ${maxBytes} bytes`),
        );
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', (error) =>
      reject(
        new RejectedExportError(
          `failed to read the request body: ${error.message}`,
        ),
      ),
    );
    // A client that disconnects mid-body produces 'close' without 'end'.
    request.once('close', () =>
      reject(
        new RejectedExportError(
          'the client closed the connection before the body ended',
        ),
      ),
    );
  });
}

/**
 * Decodes a body according to its Content-Encoding header (identity or gzip).
 *
 * A gzip body may decompress to at most maxBytes, which bounds the memory that
 * a small compressed body can claim.
 */
export async function decodeContentEncoding(
  body: Buffer,
  contentEncoding: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') {
    return body;
  }
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new RejectedExportError(
      `unsupported Content-Encoding "${contentEncoding}": send gzip or identity`,
      415,
    );
  }

  try {
    return await gunzipAsync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if (isBufferTooLarge(error)) {
      throw bodyTooLarge(
        `gzip body decompresses to more than the limit of ${maxBytes} bytes`,
      );
    }
    throw new RejectedExportError(`invalid gzip body: ${errorMessage(error)}`);
  }
}

function isBufferTooLarge(error: unknown): boolean {
  return (
    error instanceof RangeError &&
    (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
  );
}

function bodyTooLarge(message: string): RejectedExportError {
  return new RejectedExportError(message, 413);
}
