import { requestHead } from '../raw-request';
import type { CorpusCase } from './corpus-case';
import { CLOSE, oneWrite } from './corpus-case';

/**
 * GET routes of the app, each with the status codes of its responses. The
 * route that destroys the socket sends no response.
 */
export const WRITE_ROUTES: ReadonlyArray<[path: string, statuses: number[]]> = [
  ['/write/write', [200]],
  ['/write/end', [200]],
  ['/write/end-callback', [200]],
  ['/write/pipe', [200]],
  ['/write/head-object', [201]],
  ['/write/head-array', [200]],
  ['/write/sse', [200]],
  ['/write/gzip', [200]],
  ['/write/gzip-stream', [200]],
  ['/write/gzip-corrupt', [200]],
  ['/write/big', [200]],
  ['/write/destroy', []],
  ['/write/throw-after-headers', [200]],
  ['/write/throw-before-headers', [500]],
  ['/no/such/route', [404]],
];

// Routes whose response has a known end, so they can share one connection.
const PIPELINABLE = WRITE_ROUTES.filter(
  ([path]) => !['/write/destroy', '/write/throw-after-headers'].includes(path),
);

/** Cases of every response write style, one connection each and pipelined. */
export function writeCases(): CorpusCase[] {
  const single = WRITE_ROUTES.map(([path, statuses]) =>
    oneWrite(`GET ${path}`, statuses, requestHead('GET', path, [CLOSE])),
  );
  const pipelined = PIPELINABLE.map(([path], index) =>
    requestHead('GET', path, index === PIPELINABLE.length - 1 ? [CLOSE] : []),
  ).join('');
  return [
    ...single,
    oneWrite(
      'unknown method',
      [404],
      requestHead('PATCH', '/write/end', [CLOSE]),
    ),
    oneWrite(
      'every write route, pipelined',
      PIPELINABLE.flatMap(([, statuses]) => statuses),
      pipelined,
    ),
  ];
}
