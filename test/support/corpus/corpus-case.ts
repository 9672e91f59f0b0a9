import type { RawStep } from '../raw-connection';
import type { RawHeaders } from '../raw-request';
import { requestHead } from '../raw-request';

/** Requests sent over one or more raw connections, one after the other. */
export interface CorpusCase {
  name: string;
  /** Status codes of the app's responses, in order over every connection. */
  statuses: readonly number[];
  connections: ReadonlyArray<readonly RawStep[]>;
}

/** Header that makes the app close the connection after its response. */
export const CLOSE: readonly [string, string] = ['Connection', 'close'];

/** Builds a case of one connection that sends `bytes` in a single write. */
export function oneWrite(
  name: string,
  statuses: readonly number[],
  bytes: Buffer | string,
): CorpusCase {
  return { name, statuses, connections: [[{ write: bytes }]] };
}

/** Builds the connection that fetches the app's record of request `id`. */
export function outcomeQuery(id: string): RawStep[] {
  return [{ write: requestHead('GET', `/outcome?id=${id}`, [CLOSE]) }];
}

/** Builds the `x-case-id` header that names a request in the app's records. */
export function caseId(id: string): readonly [string, string] {
  return ['X-Case-Id', id];
}

/** Headers of a request with an id that closes its connection. */
export function closing(id: string, ...headers: RawHeaders): RawHeaders {
  return [caseId(id), ...headers, CLOSE];
}
