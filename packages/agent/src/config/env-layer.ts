import { applyValue, reportInvalidValue } from './apply-value';
import type { ConfigState } from './config-state';
import { CONFIG_FILE_ENV, ENV_PREFIX } from './env-names';
import type { AnyKeySpec } from './keys';
import { CONFIG_KEYS, specOf } from './keys';
import type { ProblemLog } from './problems';
import { closestName } from './suggest';
import { reportUnknownKey } from './unknown-key';

/**
 * Environment variables the loader reads, copied once from the `env` argument.
 */
export type EnvSnapshot = ReadonlyMap<string, unknown>;

const OTEL_PREFIX = 'OTEL_';

/**
 * Copies the TRACEGATE_* and OTEL_* variables. Throws when a hostile `env`
 * object fails a read.
 */
export function snapshotEnv(env: object): EnvSnapshot {
  const snapshot = new Map<string, unknown>();
  for (const name of Object.keys(env)) {
    if (name.startsWith(ENV_PREFIX) || name.startsWith(OTEL_PREFIX)) {
      snapshot.set(name, (env as Record<string, unknown>)[name]);
    }
  }
  return snapshot;
}

/**
 * Reads one variable as trimmed text. As for OTEL_* variables, an empty value
 * counts as unset.
 */
export function envText(
  snapshot: EnvSnapshot,
  name: string,
): string | undefined {
  const raw = snapshot.get(name);
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  return text === '' ? undefined : text;
}

/** Applies one environment variable to the key it sets. */
export function applyEnvVariable(
  context: { state: ConfigState; log: ProblemLog; snapshot: EnvSnapshot },
  spec: AnyKeySpec,
  name: string,
): void {
  const { state, log, snapshot } = context;
  const raw = snapshot.get(name);
  if (raw === undefined) return;
  const place = {
    source: 'env' as const,
    where: `environment variable ${name}`,
  };
  if (typeof raw !== 'string') {
    // Only a custom `env` argument can hold non-strings, because process.env
    // converts every value to a string.
    const detail = 'environment values must be strings';
    reportInvalidValue(state, log, spec, { raw, place, detail });
    return;
  }
  const text = envText(snapshot, name);
  if (text === undefined) return;
  const candidate = spec.kind.fromEnv(text);
  applyValue(state, log, spec, { raw: text, candidate, place });
}

const KNOWN_VARIABLES: ReadonlySet<string> = new Set([
  CONFIG_FILE_ENV,
  ...CONFIG_KEYS.map((spec) => spec.env),
]);

const SUGGESTIONS = [...KNOWN_VARIABLES].map((name) => ({
  name: name.slice(ENV_PREFIX.length),
  label: name,
}));

function reportUnknownVariables(log: ProblemLog, snapshot: EnvSnapshot): void {
  for (const name of snapshot.keys()) {
    if (!name.startsWith(ENV_PREFIX) || KNOWN_VARIABLES.has(name)) continue;
    const suggestion = closestName(name.slice(ENV_PREFIX.length), SUGGESTIONS);
    reportUnknownKey(log, name, suggestion, {
      source: 'env',
      where: 'the environment',
    });
  }
}

/**
 * Applies the environment layer: OTEL_LOG_LEVEL first, then every
 * TRACEGATE_* variable of the key table, which wins over it.
 */
export function applyEnvLayer(
  snapshot: EnvSnapshot,
  state: ConfigState,
  log: ProblemLog,
): void {
  const context = { state, log, snapshot };
  applyEnvVariable(context, specOf('logLevel'), 'OTEL_LOG_LEVEL');
  for (const spec of CONFIG_KEYS) applyEnvVariable(context, spec, spec.env);
  reportUnknownVariables(log, snapshot);
}

/**
 * Applies OTEL_SDK_DISABLED after every layer: `true` turns the agent off
 * over any layer's `enabled`, because the NodeSDK of sdk-node 0.223.0 reads
 * the variable too and then starts nothing. As in the OpenTelemetry
 * specification, only `true` and `false` are accepted, in any case.
 */
export function applySdkDisabled(
  snapshot: EnvSnapshot,
  state: ConfigState,
  log: ProblemLog,
): void {
  const name = 'OTEL_SDK_DISABLED';
  const raw = snapshot.get(name);
  if (raw === undefined) return;
  const text = envText(snapshot, name)?.toLowerCase();
  const spec = specOf('enabled');
  const place = {
    source: 'env' as const,
    where: `environment variable ${name}`,
  };
  if (text === 'true') {
    state.set(spec, false, place);
    return;
  }
  if (text === 'false') return;
  if (typeof raw === 'string' && text === undefined) return;
  reportInvalidValue(state, log, spec, {
    raw,
    place,
    accepted: 'true or false (any case)',
  });
}
