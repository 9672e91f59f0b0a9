import type { ValuePlace } from './apply-value';
import { applyValue } from './apply-value';
import type { ConfigState } from './config-state';
import type { KeyGroup } from './key-tree';
import { isKeyGroup, KEY_TREE } from './key-tree';
import { CONFIG_KEYS } from './keys';
import type { ProblemLog } from './problems';
import { showValue } from './show-value';
import { closestName } from './suggest';
import { reportUnknownKey } from './unknown-key';

/** Nested input layer: the parsed YAML file or the programmatic options. */
export interface ObjectLayer {
  source: 'file' | 'options';
  /** Names the layer in messages, such as `config file /etc/tracegate.yaml`. */
  where: string;
  /** Returns the 1-based line of a key path in the layer's text, when known. */
  locate?: (path: readonly string[]) => number | undefined;
  /** Top-level names that `loadConfig` reads itself, such as `configFile`. */
  reservedTopLevel?: ReadonlySet<string>;
}

interface WalkContext {
  layer: ObjectLayer;
  state: ConfigState;
  log: ProblemLog;
}

function joinKey(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

function placeOf(context: WalkContext, path: readonly string[]): ValuePlace {
  const { layer } = context;
  const line = layer.locate?.(path);
  const where =
    line === undefined ? layer.where : `${layer.where}, line ${line}`;
  return { source: layer.source, where };
}

// Siblings first; then a key of the same name at another level, such as a
// top-level `maxBodyBytes` that belongs under `capture`.
function suggestKey(group: KeyGroup, name: string): string | undefined {
  const siblings = [...group.children.keys()].map((child) => ({
    name: child,
    label: joinKey(group.path, child),
  }));
  const elsewhere = CONFIG_KEYS.map((spec) => ({
    name: spec.key.slice(spec.key.lastIndexOf('.') + 1),
    label: spec.key,
  }));
  return closestName(name, siblings) ?? closestName(name, elsewhere);
}

// A group with a key that hides its input, such as `export` with its headers,
// is printed by type only: a string given for it may be a credential.
function showGroupInput(group: KeyGroup, raw: unknown): string {
  const hides = [...group.children.values()].some(
    (node) => !isKeyGroup(node) && node.kind.showInput !== undefined,
  );
  if (!hides) return showValue(raw);
  if (typeof raw === 'string') return `a string of ${raw.length} characters`;
  return Array.isArray(raw) ? 'a list' : `a ${typeof raw}`;
}

function reportInvalidGroup(
  context: WalkContext,
  group: KeyGroup,
  raw: unknown,
  path: readonly string[],
): void {
  const place = placeOf(context, path);
  const shown = showGroupInput(group, raw);
  const names = [...group.children.keys()].join(', ');
  context.log.report({
    code: 'TG_CONFIG_INVALID_VALUE',
    key: group.path,
    value: shown,
    source: place.source,
    message: `Invalid value for ${group.path} in ${place.where}: ${shown}. Expected a mapping with the keys ${names}. Every ${group.path} key keeps its value from the lower layers.`,
  });
}

function visitEntry(
  context: WalkContext,
  input: object,
  group: KeyGroup,
  path: readonly string[],
  name: string,
): void {
  const childPath = [...path, name];
  const node = group.children.get(name);
  if (node === undefined) {
    if (path.length === 0 && context.layer.reservedTopLevel?.has(name)) return;
    const place = placeOf(context, childPath);
    reportUnknownKey(
      context.log,
      childPath.join('.'),
      suggestKey(group, name),
      place,
    );
    return;
  }
  const raw: unknown = (input as Record<string, unknown>)[name];
  // An absent or null value means the layer does not set the key.
  if (raw === undefined || raw === null) return;
  if (!isKeyGroup(node)) {
    const place = placeOf(context, childPath);
    applyValue(context.state, context.log, node, {
      raw,
      candidate: raw,
      place,
    });
  } else if (typeof raw === 'object' && !Array.isArray(raw)) {
    walkGroup(context, raw, node, childPath);
  } else {
    reportInvalidGroup(context, node, raw, childPath);
  }
}

function walkGroup(
  context: WalkContext,
  input: object,
  group: KeyGroup,
  path: readonly string[],
): void {
  let names: string[];
  try {
    // Own enumerable keys only: a polluted Object.prototype adds no settings.
    names = Object.keys(input);
  } catch {
    reportUnreadable(context, group.path || '(top level)', path);
    return;
  }
  for (const name of names) {
    try {
      visitEntry(context, input, group, path, name);
    } catch {
      reportUnreadable(context, joinKey(group.path, name), [...path, name]);
    }
  }
}

function reportUnreadable(
  context: WalkContext,
  key: string,
  path: readonly string[],
): void {
  const place = placeOf(context, path);
  context.log.report({
    code: 'TG_CONFIG_INVALID_VALUE',
    key,
    value: 'a value that could not be read',
    source: place.source,
    message: `Invalid value for ${key} in ${place.where}: reading it threw an error. The key keeps its value from the lower layers.`,
  });
}

/**
 * Applies a nested layer over the current state, reporting unknown keys and
 * invalid values.
 */
export function applyObjectLayer(
  root: object,
  layer: ObjectLayer,
  state: ConfigState,
  log: ProblemLog,
): void {
  walkGroup({ layer, state, log }, root, KEY_TREE, []);
}
