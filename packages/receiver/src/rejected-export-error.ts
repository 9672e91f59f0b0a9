/** Error for an export that the receiver rejects, carrying the HTTP status to respond with. */
export class RejectedExportError extends Error {
  /** HTTP status code to respond with, such as 400 for an invalid payload, 413 for a body over the size limit or 415 for an unsupported encoding. */
  readonly statusCode: number;

  constructor(message: string, statusCode = 400) {
    super(message);
    this.name = 'RejectedExportError';
    this.statusCode = statusCode;
  }
}
