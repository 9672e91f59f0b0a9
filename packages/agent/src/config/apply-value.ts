import type { ConfigState } from './config-state';
import type { AnyKeySpec } from './keys';
import type { ProblemLog } from './problems';
import { showValue } from './show-value';
import type { ConfigSource } from './types';
import type { ParseResult } from './value-kind';

/** Source and location of one input value. */
export interface ValuePlace {
  source: ConfigSource;
  /**
   * Names the place in messages, such as `config file /etc/tracegate.yaml, line
   * 4`.
   */
  where: string;
}

/** Prints rejected input through the key's own printer, which hides secrets. */
export function showInputFor(spec: AnyKeySpec, raw: unknown): string {
  try {
    return spec.kind.showInput ? spec.kind.showInput(raw) : showValue(raw);
  } catch {
    return 'a value that could not be read';
  }
}

function parseSafely(
  spec: AnyKeySpec,
  candidate: unknown,
): ParseResult<unknown> {
  try {
    return spec.kind.parse(candidate);
  } catch {
    // Proxies and throwing getters end up here.
    return { ok: false, detail: 'reading the value failed' };
  }
}

/**
 * Reports one rejected value, naming what is accepted and which value the key
 * keeps.
 */
export function reportInvalidValue(
  state: ConfigState,
  log: ProblemLog,
  spec: AnyKeySpec,
  rejection: {
    raw: unknown;
    place: ValuePlace;
    detail?: string;
    accepted?: string;
  },
): void {
  const { raw, place } = rejection;
  const shown = showInputFor(spec, raw);
  const detail = rejection.detail === undefined ? '' : `; ${rejection.detail}`;
  const accepted =
    rejection.accepted ?? spec.kind.describeAccepted(place.source);
  log.report({
    code: 'TG_CONFIG_INVALID_VALUE',
    key: spec.key,
    value: shown,
    source: place.source,
    message: `Invalid value for ${spec.key} in ${place.where}: ${shown}${detail}. Expected ${accepted}. ${state.describeFallback(spec)}.`,
  });
}

/**
 * Checks one input value and stores it, or reports one problem and keeps the
 * lower layer's value. `raw` is the input as written, `candidate` its typed
 * form (they differ for environment variables).
 */
export function applyValue(
  state: ConfigState,
  log: ProblemLog,
  spec: AnyKeySpec,
  input: { raw: unknown; candidate: unknown; place: ValuePlace },
): void {
  const { raw, candidate, place } = input;
  const result = parseSafely(spec, candidate);
  if (result.ok) {
    state.set(spec, result.value, place);
    return;
  }
  reportInvalidValue(state, log, spec, { raw, place, detail: result.detail });
}
