import type { RedactionAction } from '@tracegate/redact';
import { MIN_HASH_KEY_BYTES } from '@tracegate/redact';
import type { ConfigState } from './config-state';
import { envNameFor } from './env-names';
import type { AnyKeySpec } from './keys';
import { specOf } from './keys';
import type { ProblemLog } from './problems';
import type { CustomDetectorConfig } from './types';

type ActionMap = Record<string, RedactionAction>;

function reportMissingKey(
  state: ConfigState,
  log: ProblemLog,
  spec: AnyKeySpec,
  types: readonly string[],
): void {
  const origin = state.originOf(spec);
  // No default sets `hash`, so only a layer can be the source.
  if (origin.source === 'default') return;
  const names = types.join(', ');
  const hashKey = 'redaction.hashKey';
  log.report({
    code: 'TG_CONFIG_HASH_KEY_MISSING',
    key: spec.key,
    value: `[${names}]`,
    source: origin.source,
    message: `${spec.key} in ${origin.where} gives the hash action to ${names}, but no valid ${hashKey} is set. Masking their values instead; set ${hashKey} or ${envNameFor(hashKey)} to a key of at least ${MIN_HASH_KEY_BYTES} bytes to hash them.`,
  });
}

function maskHashActions(state: ConfigState, log: ProblemLog): void {
  const spec = specOf('redaction.actions');
  const actions = state.valueOf(spec) as ActionMap | undefined;
  if (actions === undefined) return;
  const hashed = Object.keys(actions).filter(
    (type) => actions[type] === 'hash',
  );
  if (hashed.length === 0) return;
  const masked: ActionMap = { ...actions };
  for (const type of hashed) masked[type] = 'mask';
  reportMissingKey(state, log, spec, hashed);
  state.replace(spec, masked);
}

function maskHashDetectors(state: ConfigState, log: ProblemLog): void {
  const spec = specOf('redaction.detectors');
  const detectors = state.valueOf(spec) as CustomDetectorConfig[];
  const hashed = detectors.filter((detector) => detector.action === 'hash');
  if (hashed.length === 0) return;
  const masked = detectors.map((detector) =>
    detector.action === 'hash' ? { ...detector, action: 'mask' } : detector,
  );
  reportMissingKey(
    state,
    log,
    spec,
    hashed.map((detector) => detector.name),
  );
  state.replace(spec, masked);
}

/**
 * Replaces every `hash` action with `mask` while no valid hash key is set,
 * reporting one problem per key that asked for `hash`. The redactor masks
 * such values too, but the resolved configuration then states what happens.
 */
export function maskHashWithoutKey(state: ConfigState, log: ProblemLog): void {
  if (state.valueOf(specOf('redaction.hashKey')) !== undefined) return;
  maskHashActions(state, log);
  maskHashDetectors(state, log);
}
