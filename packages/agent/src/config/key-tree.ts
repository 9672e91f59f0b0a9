import type { AnyKeySpec } from './keys';
import { CONFIG_KEYS } from './keys';

/**
 * Nested object of the configuration, such as `capture`, with its child keys by
 * name.
 */
export interface KeyGroup {
  /** Dotted path of the group, empty for the top level. */
  readonly path: string;
  readonly children: ReadonlyMap<string, KeyGroup | AnyKeySpec>;
}

/** Tells a group from a key row. */
export function isKeyGroup(node: KeyGroup | AnyKeySpec): node is KeyGroup {
  return 'children' in node;
}

function childGroup(
  parent: Map<string, KeyGroup | AnyKeySpec>,
  path: string,
  name: string,
): Map<string, KeyGroup | AnyKeySpec> {
  const existing = parent.get(name);
  if (existing && isKeyGroup(existing)) {
    return existing.children as Map<string, KeyGroup | AnyKeySpec>;
  }
  const children = new Map<string, KeyGroup | AnyKeySpec>();
  parent.set(name, { path, children });
  return children;
}

function buildKeyTree(): KeyGroup {
  const root = new Map<string, KeyGroup | AnyKeySpec>();
  for (const spec of CONFIG_KEYS) {
    const segments = spec.key.split('.');
    let level = root;
    for (let depth = 0; depth < segments.length - 1; depth += 1) {
      const path = segments.slice(0, depth + 1).join('.');
      level = childGroup(level, path, segments[depth]);
    }
    level.set(segments[segments.length - 1], spec);
  }
  return { path: '', children: root };
}

/** The key table arranged as the YAML file and the options nest it. */
export const KEY_TREE: KeyGroup = buildKeyTree();
