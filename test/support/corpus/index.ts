import type { RawExchange } from '../raw-connection';
import { runConnection } from '../raw-connection';
import { connectionCases } from './connection-cases';
import type { CorpusCase } from './corpus-case';
import { malformedCases } from './malformed-cases';
import { readCases } from './read-cases';
import { writeCases } from './write-cases';

export type { CorpusCase } from './corpus-case';

/** Every case the differential and hostile tests send, in sending order. */
export const CORPUS: readonly CorpusCase[] = [
  ...readCases(),
  ...connectionCases(),
  ...writeCases(),
  ...malformedCases(),
];

/** What each case received, per connection, keyed by case name. */
export type CorpusResults = Map<string, RawExchange[]>;

/** Sends every case to the app at `base`, one connection at a time. */
export async function runCorpus(base: string): Promise<CorpusResults> {
  const results: CorpusResults = new Map();
  for (const corpusCase of CORPUS) {
    const exchanges: RawExchange[] = [];
    for (const steps of corpusCase.connections) {
      exchanges.push(await runConnection(base, steps));
    }
    results.set(corpusCase.name, exchanges);
  }
  return results;
}
