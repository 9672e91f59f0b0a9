import { ExportTraceServiceRequest } from '../src/protos';

/** Status, content type and body of an HTTP response. */
export interface HttpResult {
  status: number;
  contentType: string;
  body: Buffer;
}

/** Sends a POST with the body and headers to the URL and reads the whole response. */
export async function post(
  url: string,
  body: Uint8Array | string,
  headers: Record<string, string>,
): Promise<HttpResult> {
  const response = await fetch(url, { method: 'POST', body, headers });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: Buffer.from(await response.arrayBuffer()),
  };
}

/** Encodes a request, given as the generated fromObject accepts it, as binary protobuf. */
export function encodeRequest(request: object): Uint8Array {
  return ExportTraceServiceRequest.encode(
    ExportTraceServiceRequest.fromObject(request),
  ).finish();
}

/** Returns a one-span request in the form that fromObject accepts. */
export function oneSpanRequest(spanName: string): object {
  return {
    resourceSpans: [
      {
        scopeSpans: [
          {
            spans: [
              {
                traceId: Buffer.alloc(16, 0xab),
                spanId: Buffer.alloc(8, 0xcd),
                name: spanName,
                kind: 1,
                startTimeUnixNano: '1700000000000000000',
                endTimeUnixNano: '1700000000001000000',
              },
            ],
          },
        ],
      },
    ],
  };
}

/** Posts a one-span protobuf export to the receiver at httpUrl and returns the HTTP status. */
export async function sendSpan(
  httpUrl: string,
  spanName: string,
): Promise<number> {
  const result = await post(
    `${httpUrl}/v1/traces`,
    encodeRequest(oneSpanRequest(spanName)),
    { 'Content-Type': 'application/x-protobuf' },
  );
  return result.status;
}
