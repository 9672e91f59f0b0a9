import { requestHead } from '../raw-request';
import type { CorpusCase } from './corpus-case';
import { caseId, oneWrite, outcomeQuery } from './corpus-case';

// Requests that Node's HTTP parser rejects, before or after it emits the
// request to the app. Node responds with 400 (431 for oversized headers)
// and closes the connection.
const MALFORMED: ReadonlyArray<
  [name: string, statuses: number[], raw: string]
> = [
  [
    'bad header line',
    [400],
    'GET /write/end HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header Line\r\n\r\n',
  ],
  ['bad request line', [400], 'THIS IS NOT HTTP\r\n\r\n'],
  [
    'space before a header colon',
    [400],
    'GET /write/end HTTP/1.1\r\nHost : 127.0.0.1\r\n\r\n',
  ],
  [
    'Content-Length and Transfer-Encoding together',
    [400],
    'POST /read/data HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n' +
      'Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  ],
  [
    'invalid Content-Length',
    [400],
    'POST /read/data HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n',
  ],
  [
    'NUL byte in a header value',
    [400],
    'GET /write/end HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad: a\u0000b\r\n\r\n',
  ],
  [
    'headers over the size limit',
    [431],
    requestHead('GET', '/write/end', [['X-Big', 'a'.repeat(20_000)]]),
  ],
];

/** Cases of requests that Node rejects, one connection each. */
export function malformedCases(): CorpusCase[] {
  const badChunk =
    requestHead('POST', '/read/data', [
      caseId('bad-chunk'),
      ['Content-Type', 'text/plain'],
      ['Transfer-Encoding', 'chunked'],
    ]) + 'zz\r\nhello\r\n0\r\n\r\n';
  return [
    ...MALFORMED.map(([name, statuses, raw]) =>
      oneWrite(name, statuses, Buffer.from(raw, 'latin1')),
    ),
    {
      name: 'invalid chunk size',
      statuses: [400, 200],
      connections: [
        [{ write: Buffer.from(badChunk, 'latin1') }],
        outcomeQuery('bad-chunk'),
      ],
    },
  ];
}
