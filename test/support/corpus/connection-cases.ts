import type { RawStep } from '../raw-connection';
import {
  chunk,
  chunkedRequest,
  fixedLengthRequest,
  requestHead,
} from '../raw-request';
import { JSON_BODY } from './bodies';
import type { CorpusCase } from './corpus-case';
import { caseId, CLOSE, closing, outcomeQuery } from './corpus-case';
import { READ_STYLES } from './read-cases';

const JSON_TYPE = ['Content-Type', 'application/json'] as const;
// The client aborts this long after sending part of the body, after the
// late reader (20 ms) has attached.
const ABORT_AFTER_MS = 100;

// Waits for the response of request `id`: the read routes end their
// response with the request's id and a newline.
function responseTo(id: string): RawStep {
  return { waitFor: `"id":"${id}"}\n` };
}

function keepAliveCases(): CorpusCase[] {
  const post = (style: string, id: string, ...extra: [string, string][]) =>
    fixedLengthRequest(
      'POST',
      `/read/${style}`,
      [caseId(id), JSON_TYPE, ...extra],
      JSON_BODY,
    );
  return [
    {
      name: 'keep-alive, three requests',
      statuses: [200, 200, 200],
      connections: [
        [
          { write: post('data', 'keep-1') },
          responseTo('keep-1'),
          { write: post('readable', 'keep-2') },
          responseTo('keep-2'),
          { write: post('for-await', 'keep-3', ['Connection', 'close']) },
        ],
      ],
    },
    {
      name: 'keep-alive after an unread body',
      statuses: [200, 200],
      connections: [
        [
          { write: post('never', 'unread-1') },
          responseTo('unread-1'),
          { write: post('data', 'unread-2', ['Connection', 'close']) },
        ],
      ],
    },
  ];
}

function pipelinedCases(): CorpusCase[] {
  const requests = Buffer.concat([
    Buffer.from(requestHead('GET', '/write/end'), 'latin1'),
    fixedLengthRequest('POST', '/read/data', [caseId('piped-2')], 'hello'),
    chunkedRequest('POST', '/read/pipe', [caseId('piped-3')], ['a', 'bc']),
    Buffer.from(requestHead('GET', '/write/head-array', [CLOSE]), 'latin1'),
  ]);
  const cut = [17, 90, 91, 150];
  const pieces = [0, ...cut].map((start, index) =>
    requests.subarray(start, cut[index] ?? requests.length),
  );
  return [
    {
      name: 'pipelined requests',
      statuses: [200, 200, 200, 200],
      connections: [[{ write: requests }]],
    },
    {
      name: 'pipelined requests split mid-request',
      statuses: [200, 200, 200, 200],
      connections: [
        pieces.flatMap((piece) => [{ write: piece }, { pause: 5 }]),
      ],
    },
  ];
}

function expectContinueCases(): CorpusCase[] {
  const continued = 'HTTP/1.1 100 Continue\r\n\r\n';
  const body = Buffer.from(JSON_BODY);
  return [
    {
      name: 'expect 100-continue',
      statuses: [100, 200],
      connections: [
        [
          {
            write: requestHead(
              'POST',
              '/read/data',
              closing(
                'continue',
                JSON_TYPE,
                ['Expect', '100-continue'],
                ['Content-Length', body.length],
              ),
            ),
          },
          { waitFor: continued },
          { write: body },
        ],
      ],
    },
    {
      name: 'expect 100-continue, chunked',
      statuses: [100, 200],
      connections: [
        [
          {
            write: requestHead(
              'POST',
              '/read/for-await',
              closing(
                'continue-chunked',
                JSON_TYPE,
                ['Expect', '100-continue'],
                ['Transfer-Encoding', 'chunked'],
              ),
            ),
          },
          { waitFor: continued },
          { write: Buffer.concat([chunk(body), Buffer.from('0\r\n\r\n')]) },
        ],
      ],
    },
  ];
}

function versionCases(): CorpusCase[] {
  return [
    {
      name: 'HTTP/1.0 request',
      statuses: [200],
      connections: [
        [{ write: requestHead('GET', '/write/end', [], 'HTTP/1.0') }],
      ],
    },
    {
      name: 'HTTP/1.0 keep-alive request',
      statuses: [200, 200],
      connections: [
        [
          {
            write: requestHead(
              'GET',
              '/echo',
              [caseId('http10-1'), ['Connection', 'keep-alive']],
              'HTTP/1.0',
            ),
          },
          responseTo('http10-1'),
          { write: requestHead('GET', '/write/write', [], 'HTTP/1.0') },
        ],
      ],
    },
    {
      name: 'HEAD request',
      statuses: [200],
      connections: [[{ write: requestHead('HEAD', '/write/end', [CLOSE]) }]],
    },
  ];
}

// The client sends 1000 of 4096 announced bytes and disconnects; the app's
// record of that request is then fetched on a second connection.
function abortCases(): CorpusCase[] {
  const partial = Buffer.alloc(1000, 'x');
  const fixed = READ_STYLES.map((style): CorpusCase => {
    const id = `abort-${style}`;
    const head = requestHead('POST', `/read/${style}`, [
      caseId(id),
      ['Content-Type', 'text/plain'],
      ['Content-Length', 4096],
    ]);
    return {
      name: `client aborts mid-body, ${style} reader`,
      statuses: style === 'never' ? [200, 200] : [200],
      connections: [
        [
          { write: head },
          { write: partial },
          { pause: ABORT_AFTER_MS },
          { destroy: true },
        ],
        outcomeQuery(id),
      ],
    };
  });
  const chunkedHead = requestHead('POST', '/read/data', [
    caseId('abort-chunked'),
    ['Content-Type', 'text/plain'],
    ['Transfer-Encoding', 'chunked'],
  ]);
  const sseHead = requestHead('GET', '/write/sse', [caseId('abort-sse')]);
  return [
    ...fixed,
    {
      name: 'client aborts mid-chunked-body',
      statuses: [200],
      connections: [
        [
          { write: chunkedHead },
          { write: chunk(partial) },
          { pause: ABORT_AFTER_MS },
          { destroy: true },
        ],
        outcomeQuery('abort-chunked'),
      ],
    },
    {
      name: 'client aborts an event stream',
      statuses: [200, 200],
      connections: [
        [
          { write: sseHead },
          { waitFor: 'data: {"tick":1}\n\n' },
          { destroy: true },
        ],
        outcomeQuery('abort-sse'),
      ],
    },
  ];
}

/** Cases of connection handling: keep-alive, pipelining, 100-continue, aborts. */
export function connectionCases(): CorpusCase[] {
  return [
    ...keepAliveCases(),
    ...pipelinedCases(),
    ...expectContinueCases(),
    ...versionCases(),
    ...abortCases(),
  ];
}
