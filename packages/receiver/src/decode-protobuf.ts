import type { OtlpExportRequest } from './otlp-types';
import { ExportTraceServiceRequest } from './protos';
import { RejectedExportError } from './rejected-export-error';

/**
 * Decodes a binary protobuf ExportTraceServiceRequest with the generated OTLP types.
 *
 * Throws RejectedExportError when the bytes are not a valid request.
 */
export function decodeProtobufRequest(body: Uint8Array): OtlpExportRequest {
  let message: object;
  try {
    message = ExportTraceServiceRequest.decode(body);
  } catch (error) {
    throw new RejectedExportError(
      `invalid protobuf ExportTraceServiceRequest: ${errorMessage(error)}`,
    );
  }
  return toPlainRequest(message);
}

/** Converts a generated ExportTraceServiceRequest message into a plain object with 64-bit integers as strings. */
export function toPlainRequest(message: object): OtlpExportRequest {
  const plain: OtlpExportRequest = ExportTraceServiceRequest.toObject(message, {
    longs: String,
  });
  return plain;
}

/** Returns the message of an Error, or the value as a string for anything else thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
