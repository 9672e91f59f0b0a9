import type { RawStep } from '../raw-connection';
import {
  chunk,
  chunkedRequest,
  fixedLengthRequest,
  lastChunk,
  requestHead,
} from '../raw-request';
import {
  ALL_BYTES,
  CORRUPT_GZIP,
  FIVE_MIB,
  FORM_BODY,
  GZIP_BOMB,
  GZIP_JSON,
  JSON_BODY,
  MULTIPART_BODY,
  MULTIPART_BOUNDARY,
  splitInsideCharacters,
  UTF8_TEXT,
} from './bodies';
import type { CorpusCase } from './corpus-case';
import { closing, oneWrite } from './corpus-case';

/** Read styles of the app's POST /read/<style> routes. */
export const READ_STYLES = [
  'data',
  'pipe',
  'for-await',
  'readable',
  'late',
  'text',
  'json',
  'never',
] as const;

const JSON_TYPE = ['Content-Type', 'application/json'] as const;

function readStyleCases(): CorpusCase[] {
  return READ_STYLES.flatMap((style) => [
    oneWrite(
      `${style} reader, fixed-length body`,
      [200],
      fixedLengthRequest(
        'POST',
        `/read/${style}`,
        closing(`fixed-${style}`, JSON_TYPE),
        JSON_BODY,
      ),
    ),
    oneWrite(
      `${style} reader, chunked body`,
      [200],
      chunkedRequest(
        'POST',
        `/read/${style}`,
        closing(`chunked-${style}`, JSON_TYPE),
        [JSON_BODY.slice(0, 10), JSON_BODY.slice(10, 40), JSON_BODY.slice(40)],
      ),
    ),
  ]);
}

function emptyBodyCases(): CorpusCase[] {
  return [
    oneWrite(
      'empty fixed-length body',
      [200],
      fixedLengthRequest('POST', '/read/data', closing('empty-fixed'), ''),
    ),
    oneWrite(
      'empty chunked body',
      [200],
      chunkedRequest('POST', '/read/for-await', closing('empty-chunked'), []),
    ),
    oneWrite(
      'request without a body',
      [200],
      requestHead('POST', '/read/readable', closing('no-body')),
    ),
  ];
}

function chunkedFramingCases(): CorpusCase[] {
  const withExtensions = Buffer.concat([
    Buffer.from(
      requestHead(
        'POST',
        '/read/data',
        closing('extensions', ['Transfer-Encoding', 'chunked']),
      ),
      'latin1',
    ),
    Buffer.from('5;name=value\r\nhello\r\n6;flag\r\n world\r\n', 'latin1'),
    lastChunk(),
  ]);
  return [
    oneWrite(
      'chunked body with trailers',
      [200],
      chunkedRequest(
        'POST',
        '/read/data',
        closing('trailers', ['Trailer', 'X-Checksum']),
        ['first part ', 'second part'],
        [['X-Checksum', 'abc123']],
      ),
    ),
    oneWrite('chunked body with chunk extensions', [200], withExtensions),
  ];
}

function binaryCases(): CorpusCase[] {
  return [
    oneWrite(
      'all byte values, binary',
      [200],
      fixedLengthRequest(
        'POST',
        '/read/data',
        closing('bytes-binary', ['Content-Type', 'application/octet-stream']),
        ALL_BYTES,
      ),
    ),
    oneWrite(
      'all byte values, declared as text',
      [200],
      fixedLengthRequest(
        'POST',
        '/read/pipe',
        closing('bytes-text', ['Content-Type', 'text/plain; charset=utf-8']),
        ALL_BYTES,
      ),
    ),
    oneWrite(
      'all byte values, one chunk each',
      [200],
      chunkedRequest(
        'POST',
        '/read/readable',
        closing('bytes-chunks', ['Content-Type', 'text/plain']),
        [...ALL_BYTES].map((value) => Buffer.from([value])),
      ),
    ),
  ];
}

function largeBodyCases(): CorpusCase[] {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < FIVE_MIB.length; offset += 65_536) {
    chunks.push(FIVE_MIB.subarray(offset, offset + 65_536));
  }
  return [
    oneWrite(
      '5 MiB fixed-length body',
      [200],
      fixedLengthRequest(
        'POST',
        '/read/pipe',
        closing('five-mib-fixed', ['Content-Type', 'text/plain']),
        FIVE_MIB,
      ),
    ),
    oneWrite(
      '5 MiB chunked body',
      [200],
      chunkedRequest(
        'POST',
        '/read/for-await',
        closing('five-mib-chunked', ['Content-Type', 'text/plain']),
        chunks,
      ),
    ),
  ];
}

// Each piece goes out in its own write after a pause, so the app gets the
// halves of a character in separate 'data' events.
function separateWrites(pieces: readonly Buffer[]): RawStep[] {
  return pieces.flatMap((piece) => [{ write: piece }, { pause: 5 }]);
}

function splitUtf8Cases(): CorpusCase[] {
  const text = Buffer.from(UTF8_TEXT, 'utf8');
  const pieces = splitInsideCharacters(text);
  const textType = ['Content-Type', 'text/plain; charset=utf-8'] as const;
  const chunkedHead = requestHead(
    'POST',
    '/read/text',
    closing('utf8-chunked', textType, ['Transfer-Encoding', 'chunked']),
  );
  const fixedHead = requestHead(
    'POST',
    '/read/text',
    closing('utf8-fixed', textType, ['Content-Length', text.length]),
  );
  return [
    {
      name: 'UTF-8 split across chunks',
      statuses: [200],
      connections: [
        [
          { write: chunkedHead },
          ...separateWrites(pieces.map((piece) => chunk(piece))),
          { write: lastChunk() },
        ],
      ],
    },
    {
      name: 'UTF-8 split across TCP writes',
      statuses: [200],
      connections: [[{ write: fixedHead }, ...separateWrites(pieces)]],
    },
  ];
}

function encodedBodyCases(): CorpusCase[] {
  const gzipJson = ['Content-Encoding', 'gzip'] as const;
  return [
    oneWrite(
      'gzip JSON body',
      [200],
      fixedLengthRequest(
        'POST',
        '/read/data',
        closing('gzip', JSON_TYPE, gzipJson),
        GZIP_JSON,
      ),
    ),
    oneWrite(
      'corrupt gzip body',
      [200],
      fixedLengthRequest(
        'POST',
        '/read/data',
        closing('gzip-corrupt', JSON_TYPE, gzipJson),
        CORRUPT_GZIP,
      ),
    ),
    oneWrite(
      'gzip bomb body',
      [200],
      fixedLengthRequest(
        'POST',
        '/read/pipe',
        closing('gzip-bomb', JSON_TYPE, gzipJson),
        GZIP_BOMB,
      ),
    ),
    oneWrite(
      'multipart body',
      [200],
      fixedLengthRequest(
        'POST',
        '/read/data',
        closing('multipart', [
          'Content-Type',
          `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`,
        ]),
        MULTIPART_BODY,
      ),
    ),
    oneWrite(
      'form body',
      [200],
      fixedLengthRequest(
        'POST',
        '/read/data',
        closing('form', ['Content-Type', 'application/x-www-form-urlencoded']),
        FORM_BODY,
      ),
    ),
  ];
}

function requestHeadCases(): CorpusCase[] {
  return [
    oneWrite(
      'request head echo',
      [200],
      requestHead(
        'GET',
        '/echo?token=s3cr3t&bad=%ZZ&empty=&a=1&a=2',
        closing(
          'echo',
          ['authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl'],
          ['X-Repeated', 'one'],
          ['x-repeated', 'two'],
          ['Cookie', 'session=abc; theme=dark'],
          [
            'traceparent',
            '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
          ],
        ),
      ),
    ),
    oneWrite(
      'request head echo, invalid traceparent',
      [200],
      requestHead(
        'GET',
        '/echo',
        closing('echo-bad-trace', ['traceparent', 'zz-not-a-trace-id']),
      ),
    ),
  ];
}

/** Cases of request bodies in every framing and read style. */
export function readCases(): CorpusCase[] {
  return [
    ...readStyleCases(),
    ...emptyBodyCases(),
    ...chunkedFramingCases(),
    ...binaryCases(),
    ...largeBodyCases(),
    ...splitUtf8Cases(),
    ...encodedBodyCases(),
    ...requestHeadCases(),
  ];
}
