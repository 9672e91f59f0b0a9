import { errorMessage, toPlainRequest } from './decode-protobuf';
import type { OtlpExportRequest } from './otlp-types';
import { ExportTraceServiceRequest } from './protos';
import { RejectedExportError } from './rejected-export-error';

// The OTLP specification (JSON Protobuf Encoding) encodes trace and span ids
// as case-insensitive hex strings, where the protobuf JSON mapping that the
// generated fromObject follows uses base64.
const HEX_ID_FIELDS = new Set(['traceId', 'spanId', 'parentSpanId']);

// The int64 and fixed64 fields of the trace protos. OTLP/JSON sends them as
// decimal strings or as numbers.
const INT64_FIELDS = new Set([
  'startTimeUnixNano',
  'endTimeUnixNano',
  'timeUnixNano',
  'intValue',
]);

const HEX_PATTERN = /^(?:[0-9a-fA-F]{2})*$/;
const DECIMAL_PATTERN = /^-?[0-9]+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Decodes an OTLP/JSON ExportTraceServiceRequest with the generated OTLP types.
 *
 * Hex ids become bytes and decimal-string integers become 64-bit values before
 * the generated `verify` and `fromObject` run. Unknown fields are ignored, as
 * OTLP/JSON requires. Enums must be integers. Throws RejectedExportError when
 * the text is not a valid request.
 */
export function decodeJsonRequest(body: Buffer): OtlpExportRequest {
  const parsed = parseJson(body.toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RejectedExportError(
      'invalid OTLP/JSON ExportTraceServiceRequest: the body must be a JSON object',
    );
  }

  const problem = ExportTraceServiceRequest.verify(parsed);
  if (problem !== null) {
    throw new RejectedExportError(
      `invalid OTLP/JSON ExportTraceServiceRequest: ${problem}`,
    );
  }

  let message: object;
  try {
    message = ExportTraceServiceRequest.fromObject(parsed);
  } catch (error) {
    throw new RejectedExportError(
      `invalid OTLP/JSON ExportTraceServiceRequest: ${errorMessage(error)}`,
    );
  }
  return toPlainRequest(message);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text, reviveOtlpValue) as unknown;
  } catch (error) {
    if (error instanceof RejectedExportError) {
      throw error;
    }
    throw new RejectedExportError(`invalid JSON: ${errorMessage(error)}`);
  }
}

// NOTE: JSON.parse rounds numbers above 2^53, so an int64 sent as a JSON
// number instead of a string (such as a nanosecond timestamp) arrives rounded.
function reviveOtlpValue(key: string, value: unknown): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  if (HEX_ID_FIELDS.has(key)) {
    return hexToBytes(key, value);
  }
  if (INT64_FIELDS.has(key)) {
    return decimalToLongBits(key, value);
  }
  return value;
}

function hexToBytes(key: string, hex: string): Buffer {
  if (!HEX_PATTERN.test(hex)) {
    throw new RejectedExportError(
      `invalid OTLP/JSON ExportTraceServiceRequest: ${key} "${hex.slice(0, 64)}" is not an even-length hex string`,
    );
  }
  return Buffer.from(hex, 'hex');
}

// Returns the low and high 32 bits, the form that the generated verify and
// fromObject accept for a 64-bit value without a Long instance. The generated
// fromObject stores every 64-bit field as signed, so values above the int64
// maximum are rejected rather than turned negative.
function decimalToLongBits(
  key: string,
  decimal: string,
): { low: number; high: number } {
  const value = DECIMAL_PATTERN.test(decimal) ? BigInt(decimal) : undefined;
  if (value === undefined || value < INT64_MIN || value > INT64_MAX) {
    throw new RejectedExportError(
      `invalid OTLP/JSON ExportTraceServiceRequest: ${key} "${decimal.slice(0, 64)}" is not a decimal int64`,
    );
  }
  const bits = BigInt.asUintN(64, value);
  return {
    low: Number(BigInt.asIntN(32, bits)),
    high: Number(BigInt.asIntN(32, bits >> 32n)),
  };
}
