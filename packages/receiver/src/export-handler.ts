import type { OtlpExportRequest } from './otlp-types';
import type { Transport } from './received-span';

/**
 * Callback that a transport calls with each decoded export request.
 *
 * `peer` is the client address for logs. An error thrown here makes the
 * transport respond with an internal error instead of success.
 */
export type ExportHandler = (
  request: OtlpExportRequest,
  transport: Transport,
  peer: string,
) => void;
