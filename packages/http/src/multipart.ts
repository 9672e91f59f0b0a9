import { parse as parseDisposition } from 'content-disposition';

/** One part of a multipart/form-data body, as it is recorded. */
export type MultipartPart =
  | { field: string; value: string }
  | { field: string; filename: string; contentType: string; size: number };

/** Summary of a multipart body. */
export interface MultipartSummary {
  parts: MultipartPart[];
  /** True when the body ended before its closing delimiter. */
  incomplete: boolean;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * Splits a multipart/form-data body that is fully in memory into text fields
 * and file descriptions (name, type, size; file bytes are never recorded).
 *
 * Streaming parsers such as busboy deliver file data and errors on later
 * ticks, but capture renders bodies synchronously when a span ends, so this
 * walks the buffer directly. Text fields longer than `maxFieldLength` are cut.
 */
export function summarizeMultipart(
  body: Buffer,
  boundary: string,
  maxFieldLength: number,
): MultipartSummary {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) return { parts, incomplete: true };
  while (position >= 0) {
    const afterDelimiter = position + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') {
      return { parts, incomplete: false };
    }
    const headerStart = afterDelimiter + 2; // skip CRLF after the delimiter
    const headerEnd = body.indexOf(HEADER_END, headerStart);
    if (headerEnd < 0) break;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd);
    const contentEnd = next < 0 ? body.length : next;
    const part = describePart(
      body.subarray(headerStart, headerEnd).toString('latin1'),
      body.subarray(headerEnd + HEADER_END.length, contentEnd),
      maxFieldLength,
    );
    if (part !== undefined) parts.push(part);
    if (next < 0) break;
    position = next + 2;
  }
  return { parts, incomplete: true };
}

function describePart(
  headerBlock: string,
  content: Buffer,
  maxFieldLength: number,
): MultipartPart | undefined {
  const headers = new Map<string, string>();
  for (const line of headerBlock.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers.set(
        line.slice(0, colon).trim().toLowerCase(),
        line.slice(colon + 1).trim(),
      );
    }
  }
  const disposition = headers.get('content-disposition');
  if (disposition === undefined) return undefined;
  let parameters: Record<string, string>;
  try {
    parameters = parseDisposition(disposition).parameters;
  } catch {
    return undefined;
  }
  const field = parameters.name ?? '';
  const filename = parameters['filename*'] ?? parameters.filename;
  if (filename !== undefined) {
    return {
      field,
      filename,
      contentType: headers.get('content-type') ?? 'application/octet-stream',
      size: content.length,
    };
  }
  const value = content.subarray(0, maxFieldLength).toString('utf8');
  return { field, value };
}
