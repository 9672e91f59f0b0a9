import type { ValuePlace } from './apply-value';
import type { ProblemLog } from './problems';
import { showName } from './show-value';

/**
 * Reports a key that no row of the key table matches. Its value is not shown,
 * because a misspelt `export.headers` may hold credentials.
 */
export function reportUnknownKey(
  log: ProblemLog,
  name: string,
  suggestion: string | undefined,
  place: ValuePlace,
): void {
  const hint = suggestion === undefined ? '' : ` Did you mean ${suggestion}?`;
  log.report({
    code: 'TG_CONFIG_UNKNOWN_KEY',
    key: name,
    value: '',
    source: place.source,
    message: `Unknown key ${showName(name)} in ${place.where} is ignored.${hint}`,
  });
}
